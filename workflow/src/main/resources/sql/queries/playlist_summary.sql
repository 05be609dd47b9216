-- Each playlist in the latest snapshot: name, entries, distinct songs and artists, total hours, latest addition (UTC)
SELECT
  pt.playlist_id,
  MIN(p.playlist_name) AS playlist_name,
  COUNT(*) AS entries,
  COUNT(DISTINCT pt.song_id) AS songs,
  COUNT(DISTINCT s.artist_id) AS artists,
  ROUND(SUM(s.duration_ms) / 3600000.0, 1) AS hours,
  MAX(pt.added_at) AS last_added
FROM playlist_track pt
LEFT JOIN song s
  ON s.song_id = pt.song_id AND s.snapshot_date = pt.snapshot_date
LEFT JOIN playlist p
  ON p.playlist_id = pt.playlist_id AND p.snapshot_date = pt.snapshot_date
WHERE pt.snapshot_date = (SELECT MAX(snapshot_date) FROM playlist)
GROUP BY pt.playlist_id
ORDER BY entries DESC, pt.playlist_id
