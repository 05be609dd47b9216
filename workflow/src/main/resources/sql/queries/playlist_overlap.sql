-- Playlist overlap: pairs of playlists sharing songs in the latest snapshot, as a share of the smaller one
WITH latest AS (
  SELECT DISTINCT playlist_id, song_id
  FROM playlist_track
  WHERE snapshot_date = (SELECT MAX(snapshot_date) FROM playlist)
),
sizes AS (
  SELECT playlist_id, COUNT(*) AS songs
  FROM latest
  GROUP BY playlist_id
),
names AS (
  SELECT playlist_id, playlist_name
  FROM playlist
  WHERE snapshot_date = (SELECT MAX(snapshot_date) FROM playlist)
)
SELECT
  a.playlist_id AS playlist_a,
  MIN(na.playlist_name) AS playlist_a_name,
  b.playlist_id AS playlist_b,
  MIN(nb.playlist_name) AS playlist_b_name,
  COUNT(*) AS shared_songs,
  MIN(sa.songs) AS songs_a,
  MIN(sb.songs) AS songs_b,
  ROUND(100.0 * COUNT(*) / LEAST(MIN(sa.songs), MIN(sb.songs)), 1) AS overlap_pct
FROM latest a
JOIN latest b
  ON b.song_id = a.song_id AND a.playlist_id < b.playlist_id
JOIN sizes sa
  ON sa.playlist_id = a.playlist_id
JOIN sizes sb
  ON sb.playlist_id = b.playlist_id
LEFT JOIN names na
  ON na.playlist_id = a.playlist_id
LEFT JOIN names nb
  ON nb.playlist_id = b.playlist_id
GROUP BY a.playlist_id, b.playlist_id
ORDER BY shared_songs DESC, overlap_pct DESC, playlist_a, playlist_b
LIMIT 20
