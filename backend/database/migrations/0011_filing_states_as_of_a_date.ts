import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 备案情况 read as of a date.
 *
 * - `effective_filing_status(kind, status, expires_on, as_of)`: a contract filing stored 'filed'
 *   whose `expires_on` is before `as_of` (i.e. from the day after its last day) reads 'expired'.
 *   Nothing rewrites the stored status: every reader passes the platform clock's date (Asia/Shanghai),
 *   so no state depends on when a job ran. The same rule is in the warehouse cube (`asOf` param,
 *   warehouse/src/cubes/filings.ts) and in app/modules/filings/filing_status.ts.
 * - `estate_filing_states_on(as_of)`: the `estate_filing_states` view (the stored state, which the
 *   outbox payloads, the rebuild and the reconciliation carry) with the contract state as of `as_of`.
 *   An inlinable SQL function, so the caller's WHERE reaches the view's indexes.
 * - An 业主大会备案 does not expire: rows wrongly set 'expired' go back to 'filed' (with a history
 *   entry by the system) and a constraint refuses the state. Run `npm run rebuild` after migrating
 *   (`npm start` does) so the warehouse carries the new column and the corrected rows.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION effective_filing_status(kind text, status text, expires_on date, as_of date)
      RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN kind = 'contract' AND status = 'filed' AND expires_on < as_of THEN 'expired' ELSE status END
      $$`)
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION estate_filing_states_on(as_of date)
      RETURNS SETOF estate_filing_states LANGUAGE sql STABLE AS $$
        SELECT v.estate_id, v.estate_name, v.community_id, v.community_name, v.street_id, v.street_name,
               v.district_id, v.district_name,
               effective_filing_status('contract', v.contract_status, v.contract_expires_on, as_of),
               v.contract_filing_id, v.contract_document_no, v.contract_filed_on, v.contract_expires_on,
               v.assembly_status, v.assembly_filing_id, v.assembly_document_no, v.assembly_filed_on
          FROM estate_filing_states v
      $$`)
    this.schema.raw(`
      WITH fixed AS (
        UPDATE filings SET status = 'filed', version = version + 1, updated_at = now()
         WHERE kind = 'assembly' AND status = 'expired'
        RETURNING id
      )
      INSERT INTO filing_events (filing_id, action, from_status, to_status, actor_id, remark, created_at)
      SELECT id, 'renew', 'expired', 'filed', NULL, '业主大会备案不会过期，已恢复为已备案', now() FROM fixed`)
    this.schema.raw(`ALTER TABLE filings ADD CONSTRAINT filings_assembly_never_expires CHECK (kind = 'contract' OR status <> 'expired')`)
  }

  async down() {
    this.schema.raw('ALTER TABLE filings DROP CONSTRAINT IF EXISTS filings_assembly_never_expires')
    this.schema.raw('DROP FUNCTION IF EXISTS estate_filing_states_on(date)')
    this.schema.raw('DROP FUNCTION IF EXISTS effective_filing_status(text, text, date, date)')
  }
}
