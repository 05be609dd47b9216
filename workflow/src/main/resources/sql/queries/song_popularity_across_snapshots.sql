-- Popularity of songs across snapshots: the latest value against the previous snapshot's, biggest moves first
WITH history AS (
  SELECT
    s.song_id,
    s.song_name,
    s.artist_id,
    s.snapshot_date,
    s.popularity,
    LAG(s.popularity) OVER (PARTITION BY s.song_id ORDER BY s.snapshot_date) AS previous_popularity,
    LAG(s.snapshot_date) OVER (PARTITION BY s.song_id ORDER BY s.snapshot_date) AS previous_snapshot,
    COUNT(*) OVER (PARTITION BY s.song_id) AS snapshots
  FROM song s
)
SELECT
  h.song_name,
  a.artist_name,
  h.snapshots,
  h.previous_snapshot,
  h.previous_popularity,
  h.snapshot_date,
  h.popularity,
  h.popularity - h.previous_popularity AS popularity_change
FROM history h
LEFT JOIN artist a
  ON a.artist_id = h.artist_id AND a.snapshot_date = h.snapshot_date
WHERE h.snapshot_date = (SELECT MAX(snapshot_date) FROM playlist)
  AND h.popularity IS NOT NULL
ORDER BY ABS(COALESCE(h.popularity - h.previous_popularity, 0)) DESC, h.popularity DESC, h.song_name, h.song_id
LIMIT 20
