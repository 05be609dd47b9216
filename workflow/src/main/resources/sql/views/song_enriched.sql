-- QuickSight dataset: every song of every snapshot with its album and primary (first credited) artist
CREATE OR REPLACE VIEW song_enriched AS
SELECT
  s.snapshot_date,
  s.song_id,
  s.song_name,
  TRY_CAST(s.duration_ms AS INTEGER) AS duration_ms,
  TRY_CAST(s.explicit AS BOOLEAN) AS explicit,
  TRY_CAST(s.popularity AS INTEGER) AS popularity,
  TRY_CAST(s.track_number AS INTEGER) AS track_number,
  TRY_CAST(s.disc_number AS INTEGER) AS disc_number,
  s.isrc,
  s.song_url,
  TRY_CAST(s.song_added AS TIMESTAMP) AS song_added,
  s.album_id,
  al.album_name,
  al.album_type,
  TRY_CAST(al.release_date AS DATE) AS release_date,
  al.release_date_precision,
  YEAR(TRY_CAST(al.release_date AS DATE)) AS release_year,
  TRY_CAST(al.total_tracks AS INTEGER) AS album_total_tracks,
  al.album_url,
  s.artist_id,
  ar.artist_name,
  ar.artist_url
FROM song s
LEFT JOIN album al
  ON al.album_id = s.album_id AND al.snapshot_date = s.snapshot_date
LEFT JOIN artist ar
  ON ar.artist_id = s.artist_id AND ar.snapshot_date = s.snapshot_date
