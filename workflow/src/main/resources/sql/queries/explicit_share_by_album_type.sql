-- Explicit share and average duration of songs by album type (album, single, compilation), latest snapshot
WITH latest AS (
  SELECT
    COALESCE(al.album_type, 'unknown') AS album_type,
    s.explicit AS is_explicit,
    s.duration_ms
  FROM song s
  LEFT JOIN album al
    ON al.album_id = s.album_id AND al.snapshot_date = s.snapshot_date
  WHERE s.snapshot_date = (SELECT MAX(snapshot_date) FROM playlist)
)
SELECT
  album_type,
  COUNT(*) AS songs,
  SUM(CASE WHEN is_explicit THEN 1 ELSE 0 END) AS explicit_songs,
  ROUND(100.0 * SUM(CASE WHEN is_explicit THEN 1 ELSE 0 END) / COUNT(*), 1) AS explicit_pct,
  ROUND(AVG(duration_ms) / 1000.0, 1) AS avg_duration_s
FROM latest
GROUP BY album_type
ORDER BY songs DESC, album_type
