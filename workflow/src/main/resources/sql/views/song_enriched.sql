-- QuickSight dataset: every song of every snapshot with its album and primary (first credited) artist
CREATE OR REPLACE VIEW song_enriched AS
SELECT
  s.snapshot_date,
  s.song_id,
  s.song_name,
  s.duration_ms,
  s.explicit,
  s.popularity,
  s.track_number,
  s.disc_number,
  s.isrc,
  s.song_url,
  s.song_added,
  s.album_id,
  al.album_name,
  al.album_type,
  al.release_date,
  al.release_date_precision,
  YEAR(al.release_date) AS release_year,
  al.total_tracks AS album_total_tracks,
  al.album_url,
  s.artist_id,
  ar.artist_name,
  ar.artist_url
FROM song s
LEFT JOIN album al
  ON al.album_id = s.album_id AND al.snapshot_date = s.snapshot_date
LEFT JOIN artist ar
  ON ar.artist_id = s.artist_id AND ar.snapshot_date = s.snapshot_date
