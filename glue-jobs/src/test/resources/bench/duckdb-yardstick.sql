-- The ETL job's transform written the way a data engineer would in DuckDB: read_json, unnest, a few
-- GROUP BYs, COPY ... TO CSV. Run by DuckDbYardstick, statement by statement; a line "-- step: NAME"
-- starts a timed step. Placeholders: ${raw} (raw_data/to_process of a generated lake), ${out} (output
-- root), ${manifest.*} and ${kind.*} (the manifest's field names and page kinds), and per table
-- ${<table>.columns} / ${<table>.prefix} / ${<table>.keys} (from LakeTable): names the lake contract defines
-- are never retyped here.
--
-- Same rules as the job's Tables, except (see the glue-jobs README, "DuckDB yardstick"):
--  * only run folders are read (no loose spotify_raw_*.json files), only from to_process (the job also
--    re-reads processed/ files of the same dates: a fresh benchmark lake has none), and a page's shape is
--    the kind its manifest gives it (the job finds it in the content); a page with no entries at all does
--    not take part in deciding the latest run;
--  * no per-file rejection: a file of another shape or with a wrongly typed field fails the run;
--  * no moves of the raw files afterwards, no run summary.

-- step: list
-- Complete runs only: their manifests list the pages and say which kind each is (a playlist object embeds
-- its first page under 'items', or 'tracks' before 2026; an items page is a paging object whose 'items' is
-- the array). Files are ordered by run, then path, as the job's file_order (the greatest is the latest).
CREATE TEMP TABLE raw_files AS
SELECT snapshot_date, playlist_id, run_id, filename, kind,
       (row_number() OVER (ORDER BY run_id, filename))::INTEGER AS file_order
FROM (SELECT snapshot_date, playlist_id, run_id, parse_dirpath(filename) || '/' || p.${manifest.file} AS filename,
             p.${manifest.kind} AS kind
      FROM (SELECT *, unnest(${manifest.pages}) AS p
            FROM read_json('${raw}/snapshot_date=*/playlist_id=*/run_id=*/${manifest.name}',
                   columns = {${manifest.pages}: 'STRUCT(${manifest.file} VARCHAR, ${manifest.kind} VARCHAR)[]'},
                   format = 'unstructured', filename = true, hive_partitioning = true, hive_types_autocast = false)));

SET VARIABLE items_pages = (SELECT list(filename) FROM raw_files WHERE kind = '${kind.items}');
SET VARIABLE playlist_pages = (SELECT list(filename) FROM raw_files WHERE kind = '${kind.playlist}');

-- The fields the lake keeps; read_json skips every other key, as the job's parser does.
CREATE TYPE artist_t AS STRUCT(id VARCHAR, name VARCHAR);
CREATE TYPE track_t AS STRUCT(
  id VARCHAR, name VARCHAR, type VARCHAR, is_local BOOLEAN, duration_ms INTEGER, explicit BOOLEAN,
  popularity INTEGER, track_number INTEGER, disc_number INTEGER, external_ids STRUCT(isrc VARCHAR),
  "show" STRUCT(id VARCHAR),
  album STRUCT(id VARCHAR, name VARCHAR, album_type VARCHAR, release_date VARCHAR,
               release_date_precision VARCHAR, total_tracks INTEGER, artists artist_t[]),
  artists artist_t[]);
CREATE TYPE entry_t AS STRUCT(added_at VARCHAR, added_by STRUCT(id VARCHAR), is_local BOOLEAN,
  item track_t, track track_t);
CREATE TYPE page_t AS STRUCT("offset" INTEGER, items entry_t[]);

-- "1981" -> 1981-01-01, "1981-12" -> 1981-12-01 (a coarser precision wins); 0000 and malformed -> null
CREATE MACRO first_day(rd, prec) AS (
  CASE
    WHEN rd IS NULL OR NOT regexp_full_match(trim(rd), '[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?')
         OR substr(trim(rd), 1, 4) = '0000' THEN NULL
    WHEN prec = 'year' OR length(trim(rd)) = 4 THEN make_date(substr(trim(rd), 1, 4)::INTEGER, 1, 1)
    WHEN prec = 'month' OR length(trim(rd)) = 7 THEN try_strptime(substr(trim(rd), 1, 7) || '-01', '%Y-%m-%d')::DATE
    ELSE try_strptime(trim(rd), '%Y-%m-%d')::DATE
  END);

-- step: read and explode
-- One pass over every page: parsed into the types above, entries unnested (the track under 'item', else
-- 'track'), flattened. Transition playlist objects carry both 'items' and 'tracks'; only 'items' is used.
-- Skipped entries are kept here, flagged, so the pages' position ranges can be told.
CREATE TEMP TABLE raw_entries AS
WITH pages AS (
  SELECT filename, coalesce("offset", 0) AS page_offset, items
  FROM read_json(getvariable('items_pages'), columns = {"offset": 'INTEGER', items: 'entry_t[]'},
         format = 'unstructured', filename = true)
  UNION ALL
  SELECT filename, coalesce(coalesce(items, tracks)."offset", 0), coalesce(items, tracks).items
  FROM read_json(getvariable('playlist_pages'), columns = {items: 'page_t', tracks: 'page_t'},
         format = 'unstructured', filename = true)
), exploded AS (
  SELECT f.file_order, f.snapshot_date, f.playlist_id, f.run_id, p.page_offset, len(p.items) AS page_entries,
         unnest(p.items) AS e, generate_subscripts(p.items, 1) - 1 AS idx
  FROM pages p JOIN raw_files f USING (filename)
), tracks AS (
  SELECT *, coalesce(e.item, e.track) AS t FROM exploded
)
SELECT file_order, snapshot_date, playlist_id, run_id, page_offset, page_entries,
       t IS NOT NULL
         AND NOT coalesce(e.is_local, false) AND NOT coalesce(t.is_local, false)
         AND coalesce(t.type, '') <> 'episode' AND t."show" IS NULL
         AND coalesce(t.id, '') <> '' AS kept,
       (page_offset + idx)::INTEGER AS position,
       (file_order::BIGINT << 32) + (page_offset + idx) AS ord,
       try_strptime(e.added_at, ['%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%S.%fZ']) AS added_at,
       e.added_by.id AS added_by,
       t.id AS song_id, t.name AS song_name, t.duration_ms, t.explicit, t.popularity, t.track_number,
       t.disc_number, t.external_ids.isrc AS isrc,
       t.album.id AS album_id, t.album.name AS album_name, t.album.album_type AS album_type,
       first_day(t.album.release_date, t.album.release_date_precision) AS release_date,
       t.album.release_date_precision AS release_date_precision, t.album.total_tracks AS total_tracks,
       coalesce(t.artists, []) AS artists, coalesce(t.album.artists, []) AS album_artists
FROM tracks;

-- the pages read and the positions each holds (offset .. offset + entries - 1, skipped ones included)
CREATE TEMP TABLE files AS
SELECT file_order, snapshot_date, playlist_id, run_id, any_value(page_offset) AS lo,
       any_value(page_offset + page_entries) AS hi
FROM raw_entries
GROUP BY file_order, snapshot_date, playlist_id, run_id;

CREATE TEMP TABLE entries AS
SELECT * EXCLUDE (run_id, page_offset, page_entries, kept) FROM raw_entries WHERE kept;

DROP TABLE raw_entries;

-- step: transform
-- The latest entry of each song of the day (greatest order); song_added is the earliest added_at.
CREATE TEMP TABLE versions AS
SELECT snapshot_date, song_id, max(ord) AS ord, min(added_at) AS song_added,
       arg_max({'song_name': song_name, 'duration_ms': duration_ms, 'explicit': explicit,
                'popularity': popularity, 'track_number': track_number, 'disc_number': disc_number,
                'isrc': isrc, 'album_id': album_id, 'album_name': album_name, 'album_type': album_type,
                'release_date': release_date, 'release_date_precision': release_date_precision,
                'total_tracks': total_tracks, 'artists': artists, 'album_artists': album_artists}, ord) AS v
FROM entries
GROUP BY snapshot_date, song_id;

CREATE TEMP TABLE song AS
SELECT snapshot_date, song_id, v.song_name, v.duration_ms, v.explicit, v.popularity, v.track_number,
       v.disc_number, v.isrc, v.album_id, CASE WHEN len(v.artists) > 0 THEN v.artists[1].id END AS artist_id,
       'https://open.spotify.com/track/' || song_id AS song_url, song_added
FROM versions;

-- every credit of the song's latest version, in order; an artist credited twice keeps its first place
CREATE TEMP TABLE song_artist AS
SELECT snapshot_date, song_id, a.id AS artist_id, min(pos)::INTEGER AS artist_position
FROM (SELECT snapshot_date, song_id, unnest(v.artists) AS a, generate_subscripts(v.artists, 1) - 1 AS pos
      FROM versions)
WHERE a.id IS NOT NULL
GROUP BY snapshot_date, song_id, a.id;

-- an album as the latest song version on it has it
CREATE TEMP TABLE album AS
SELECT snapshot_date, album_id, l.album_name, l.album_type, l.release_date, l.release_date_precision,
       l.total_tracks, 'https://open.spotify.com/album/' || album_id AS album_url
FROM (SELECT snapshot_date, v.album_id AS album_id,
             arg_max({'album_name': v.album_name, 'album_type': v.album_type, 'release_date': v.release_date,
                      'release_date_precision': v.release_date_precision, 'total_tracks': v.total_tracks}, ord) AS l
      FROM versions
      WHERE v.album_id IS NOT NULL
      GROUP BY snapshot_date, v.album_id);

-- an artist from the songs' and their albums' credits, named by the latest version crediting it (the name
-- breaks a tie within one version)
CREATE TEMP TABLE artist AS
SELECT snapshot_date, artist_id, l.n AS artist_name, 'https://open.spotify.com/artist/' || artist_id AS artist_url
FROM (SELECT snapshot_date, a.id AS artist_id, max({'o': ord, 'n': a.name}) AS l
      FROM (SELECT snapshot_date, ord, unnest(list_concat(v.artists, v.album_artists)) AS a FROM versions)
      WHERE a.id IS NOT NULL
      GROUP BY snapshot_date, a.id);

-- each playlist's latest run of the day (a run whose entries were all skipped still counts); where pages of
-- the run overlap, a position comes from the last file of the run holding it
CREATE TEMP TABLE playlist_track AS
WITH latest_files AS (
  SELECT f.* FROM files f
  JOIN (SELECT snapshot_date, playlist_id, max(run_id) AS run_id FROM files GROUP BY ALL) l
    USING (snapshot_date, playlist_id, run_id)
), shadowed AS (
  SELECT a.file_order AS shadowed_file, b.lo, b.hi
  FROM latest_files a JOIN latest_files b
    ON a.snapshot_date = b.snapshot_date AND a.playlist_id = b.playlist_id AND b.file_order > a.file_order
   AND b.lo < a.hi AND a.lo < b.hi
)
SELECT e.snapshot_date, e.playlist_id, e.position, e.song_id, e.added_at, e.added_by
FROM entries e
SEMI JOIN latest_files l ON e.file_order = l.file_order
ANTI JOIN shadowed s ON e.file_order = s.shadowed_file AND e.position >= s.lo AND e.position < s.hi;

-- step: write csv
-- One folder per table and date, rows sorted by key, RFC 4180 quoting, dates and timestamps as the lake has them.
COPY (SELECT ${playlist_track.columns}, snapshot_date FROM playlist_track ORDER BY snapshot_date, ${playlist_track.keys})
  TO '${out}/${playlist_track.prefix}' (FORMAT CSV, HEADER, PARTITION_BY (snapshot_date),
  DATEFORMAT '%Y-%m-%d', TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S');
COPY (SELECT ${song_artist.columns}, snapshot_date FROM song_artist ORDER BY snapshot_date, ${song_artist.keys})
  TO '${out}/${song_artist.prefix}' (FORMAT CSV, HEADER, PARTITION_BY (snapshot_date),
  DATEFORMAT '%Y-%m-%d', TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S');
COPY (SELECT ${song.columns}, snapshot_date FROM song ORDER BY snapshot_date, ${song.keys})
  TO '${out}/${song.prefix}' (FORMAT CSV, HEADER, PARTITION_BY (snapshot_date),
  DATEFORMAT '%Y-%m-%d', TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S');
COPY (SELECT ${artist.columns}, snapshot_date FROM artist ORDER BY snapshot_date, ${artist.keys})
  TO '${out}/${artist.prefix}' (FORMAT CSV, HEADER, PARTITION_BY (snapshot_date),
  DATEFORMAT '%Y-%m-%d', TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S');
COPY (SELECT ${album.columns}, snapshot_date FROM album ORDER BY snapshot_date, ${album.keys})
  TO '${out}/${album.prefix}' (FORMAT CSV, HEADER, PARTITION_BY (snapshot_date),
  DATEFORMAT '%Y-%m-%d', TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S');
