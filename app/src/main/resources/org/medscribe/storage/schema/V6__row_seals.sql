-- Schema version 6: a MAC per mutable row (row_mac, see RowSeals) so that an edit behind the app's
-- back (a signer's name, a finding's override, a patient's fields) is found by verify. The MACs of
-- rows that exist when a database is migrated are computed by the migration step itself (it needs
-- the data key, which SQL does not have). Version 5 is another change's script.
ALTER TABLE clinicians ADD COLUMN row_mac TEXT;
ALTER TABLE patients ADD COLUMN row_mac TEXT;
ALTER TABLE encounters ADD COLUMN row_mac TEXT;
ALTER TABLE sources ADD COLUMN row_mac TEXT;
ALTER TABLE suggestions ADD COLUMN row_mac TEXT;
ALTER TABLE suggestion_decisions ADD COLUMN row_mac TEXT;
ALTER TABLE quality_findings ADD COLUMN row_mac TEXT;
