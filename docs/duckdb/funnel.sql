-- Study funnel across every participant's export. Run from the folder holding exports/<participant>/events.ndjson:
--   duckdb -c ".read docs/duckdb/funnel.sql"
-- read_json_auto reads newline-delimited JSON; the glob takes every participant at once. BigQuery (NEWLINE_DELIMITED_JSON)
-- and Spark (spark.read.json) read the same files as they are.
WITH events AS (
  SELECT * FROM read_json_auto('exports/*/events.ndjson', format = 'newline_delimited', union_by_name = true)
)
SELECT
  count(DISTINCT participant_id)                          AS participants,
  count(*) FILTER (WHERE type = 'exposure')               AS exposures,
  count(*) FILTER (WHERE type = 'click')                  AS clicks,
  count(*) FILTER (WHERE type = 'save')                   AS saves,
  count(*) FILTER (WHERE type = 'purchase')               AS purchases,
  round(count(*) FILTER (WHERE type = 'click') * 100.0
        / nullif(count(*) FILTER (WHERE type = 'exposure'), 0), 2) AS click_rate_pct,
  sum(amount_fen) FILTER (WHERE type = 'purchase')        AS gmv_fen
FROM events;
