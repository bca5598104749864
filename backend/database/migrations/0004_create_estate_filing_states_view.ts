import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The one definition of an estate's filing state per kind: the most recent filed-or-expired record
 * of that kind (by filing date, then id) decides; none means 'not_filed'; withdrawn records never count.
 * The API's record lists, the outbox payloads, the ETL rebuild and the reconciliation all read it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE VIEW estate_filing_states AS
      SELECT e.id AS estate_id, e.name AS estate_name,
             e.community_id, c.name AS community_name,
             e.street_id, s.name AS street_name,
             e.district_id, d.name AS district_name,
             COALESCE(fc.status, 'not_filed') AS contract_status,
             fc.id AS contract_filing_id, fc.document_no AS contract_document_no,
             fc.filed_on AS contract_filed_on, fc.expires_on AS contract_expires_on,
             COALESCE(fa.status, 'not_filed') AS assembly_status,
             fa.id AS assembly_filing_id, fa.document_no AS assembly_document_no,
             fa.filed_on AS assembly_filed_on
        FROM estates e
        JOIN regions c ON c.id = e.community_id
        JOIN regions s ON s.id = e.street_id
        JOIN regions d ON d.id = e.district_id
        LEFT JOIN LATERAL (
          SELECT f.id, f.status, f.document_no, f.filed_on, f.expires_on FROM filings f
           WHERE f.estate_id = e.id AND f.kind = 'contract' AND f.status IN ('filed', 'expired')
           ORDER BY f.filed_on DESC, f.id DESC LIMIT 1
        ) fc ON true
        LEFT JOIN LATERAL (
          SELECT f.id, f.status, f.document_no, f.filed_on FROM filings f
           WHERE f.estate_id = e.id AND f.kind = 'assembly' AND f.status IN ('filed', 'expired')
           ORDER BY f.filed_on DESC, f.id DESC LIMIT 1
        ) fa ON true
    `)
  }

  async down() {
    this.schema.raw('DROP VIEW IF EXISTS estate_filing_states')
  }
}
