-- Each playlist in the latest snapshot: entries, distinct songs and artists, total hours, latest addition (UTC)
SELECT
  pt.playlist_id,
  COUNT(*) AS entries,
  COUNT(DISTINCT pt.song_id) AS songs,
  COUNT(DISTINCT s.artist_id) AS artists,
  ROUND(SUM(TRY_CAST(s.duration_ms AS DOUBLE)) / 3600000.0, 1) AS hours,
  MAX(TRY_CAST(pt.added_at AS TIMESTAMP)) AS last_added
FROM playlist_track pt
LEFT JOIN song s
  ON s.song_id = pt.song_id AND s.snapshot_date = pt.snapshot_date
WHERE pt.snapshot_date = (SELECT MAX(snapshot_date) FROM playlist_track)
GROUP BY pt.playlist_id
ORDER BY entries DESC, pt.playlist_id
