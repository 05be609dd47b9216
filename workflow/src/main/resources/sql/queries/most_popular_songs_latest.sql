-- Most popular songs in the latest snapshot (Spotify popularity 0-100; songs without it are left out)
SELECT
  s.song_name,
  a.artist_name,
  al.album_name,
  s.popularity
FROM song s
LEFT JOIN artist a
  ON a.artist_id = s.artist_id AND a.snapshot_date = s.snapshot_date
LEFT JOIN album al
  ON al.album_id = s.album_id AND al.snapshot_date = s.snapshot_date
WHERE s.snapshot_date = (SELECT MAX(snapshot_date) FROM playlist)
  AND s.popularity IS NOT NULL
ORDER BY s.popularity DESC, s.song_name, s.song_id
LIMIT 20
