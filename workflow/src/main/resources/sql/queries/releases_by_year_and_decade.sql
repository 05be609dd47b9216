-- Album releases by year, with each decade's total, latest snapshot (year or month precision counts in its year)
WITH albums AS (
  SELECT YEAR(release_date) AS release_year
  FROM album
  WHERE snapshot_date = (SELECT MAX(snapshot_date) FROM playlist)
    AND release_date IS NOT NULL
)
SELECT
  release_year - release_year % 10 AS decade,
  release_year,
  COUNT(*) AS albums,
  SUM(COUNT(*)) OVER (PARTITION BY release_year - release_year % 10) AS albums_in_decade
FROM albums
GROUP BY release_year
ORDER BY release_year
