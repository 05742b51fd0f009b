-- V021: an event file's parsed lines wait in the loading client, not in the stage table
-- (issue 15: load at bulk-load speed). `settlement load` keeps them in a temporary file of
-- its own until every file of the command has been read, then sends them chunk by chunk
-- (LOAD DATA LOCAL INFILE into a MEMORY table of its session) to check_view_lines and
-- commit_event_lines (ad events: check_ad_view_lines); only the lines
-- that did not parse are staged (for the quarantine).
-- Such a batch left PROMOTING by a load that died cannot be finished from the stage table:
-- find_load_leftovers abandons it (load the file again: what it loaded counts as duplicates).
ALTER TABLE load_batch
  ADD COLUMN spooled BOOLEAN NOT NULL DEFAULT FALSE
  COMMENT 'the parsed lines were kept by the loading client, not staged: a dead load''s batch cannot be finished';
