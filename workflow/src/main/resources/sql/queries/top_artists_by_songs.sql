-- Top artists by number of songs across all playlists (every credited artist), latest snapshot
SELECT
  a.artist_name,
  COUNT(DISTINCT pt.song_id) AS songs,
  COUNT(DISTINCT pt.playlist_id) AS playlists,
  COUNT(*) AS playlist_entries
FROM playlist_track pt
JOIN song_artist sa
  ON sa.song_id = pt.song_id AND sa.snapshot_date = pt.snapshot_date
JOIN artist a
  ON a.artist_id = sa.artist_id AND a.snapshot_date = sa.snapshot_date
WHERE pt.snapshot_date = (SELECT MAX(snapshot_date) FROM playlist)
GROUP BY a.artist_id, a.artist_name
ORDER BY songs DESC, playlists DESC, a.artist_name, a.artist_id
LIMIT 15
