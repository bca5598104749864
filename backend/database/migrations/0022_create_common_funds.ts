import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 共有资金情况 (module 18, domain-rules §5): the owners' common-fund accounts of the estates (at most
 * one per estate: 基本账户 or 共管账户, 正常 / 停用), their 账户流水 (money as integer 分), the
 * month-end balances (共享银行统计) and the enforcement of an estate overdue in opening its account
 * (责令整改 by the street, 行政处罚 by the district).
 *
 * `common_fund_estates_on(as_of, open_days)` is the one PostgreSQL definition of an estate's state
 * (the records list behind every number, the bench's baseline); the warehouse cube
 * (warehouse/src/cubes/common_funds.ts) applies the same rule to the facts:
 *
 *   应开 (should_open): the estate's 业主大会 is filed (estate_filing_states);
 *   已开 (opened): 应开 and its account is a 基本账户;
 *   逾期 (overdue): 应开, not opened, and as_of is after 备案日期 + open_days;
 *   责令整改 / 行政处罚: overdue with such a record dated on or before as_of;
 *   异常 (abnormal): the balance differs from its 账户流水 (credits − debits), or a 正常 account has
 *   had no entry (nor was opened) in the 12 months before as_of.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('common_fund_accounts', (table) => {
      table.increments('id')
      table.integer('estate_id').notNullable().unique().references('estates.id')
      table.text('kind').notNullable()
      table.text('bank_name').notNullable()
      table.text('account_no').notNullable()
      table.date('opened_on').notNullable()
      table.text('status').notNullable()
      /** 分 */
      table.bigInteger('balance').notNullable().defaultTo(0)
      table.integer('version').notNullable().defaultTo(1)
      table.integer('created_by').nullable().references('users.id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['bank_name'])
    })
    this.schema.raw(`ALTER TABLE common_fund_accounts ADD CONSTRAINT common_fund_accounts_kind_check CHECK (kind IN ('basic','co_managed'))`)
    this.schema.raw(`ALTER TABLE common_fund_accounts ADD CONSTRAINT common_fund_accounts_status_check CHECK (status IN ('normal','closed'))`)

    this.schema.createTable('common_fund_transactions', (table) => {
      table.bigIncrements('id')
      table.integer('account_id').notNullable().references('common_fund_accounts.id')
      table.date('occurred_on').notNullable()
      table.text('direction').notNullable()
      /** 分, > 0 */
      table.bigInteger('amount').notNullable()
      /** 分, the balance after this entry */
      table.bigInteger('balance').notNullable()
      table.text('summary').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['account_id', 'occurred_on', 'id'])
    })
    this.schema.raw(`ALTER TABLE common_fund_transactions ADD CONSTRAINT common_fund_transactions_direction_check CHECK (direction IN ('debit','credit'))`)
    this.schema.raw(`ALTER TABLE common_fund_transactions ADD CONSTRAINT common_fund_transactions_amount_check CHECK (amount > 0)`)

    this.schema.createTable('common_fund_balances', (table) => {
      table.bigIncrements('id')
      table.integer('account_id').notNullable().references('common_fund_accounts.id')
      /** the first day of the month whose closing balance this is */
      table.date('month').notNullable()
      /** 分 */
      table.bigInteger('balance').notNullable()
      table.unique(['account_id', 'month'])
    })

    this.schema.createTable('common_fund_enforcements', (table) => {
      table.increments('id')
      table.integer('estate_id').notNullable().references('estates.id')
      table.text('kind').notNullable()
      table.date('decided_on').notNullable()
      table.text('document_no').notNullable()
      /** the street (责令整改) or district (行政处罚) that decided */
      table.integer('region_id').notNullable().references('regions.id')
      table.integer('created_by').nullable().references('users.id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['estate_id', 'kind', 'decided_on'])
    })
    this.schema.raw(`ALTER TABLE common_fund_enforcements ADD CONSTRAINT common_fund_enforcements_kind_check CHECK (kind IN ('rectification','penalty'))`)

    this.schema.raw(`
      CREATE OR REPLACE FUNCTION common_fund_estates_on(as_of date, open_days integer)
      RETURNS TABLE (
        estate_id integer, estate_name text, community_id integer, community_name text,
        street_id integer, street_name text, district_id integer, district_name text,
        should_open boolean, assembly_filed_on date, open_by date,
        account_id integer, account_kind text, bank_name text, account_no text, opened_on date,
        account_status text, balance bigint, ledger_balance bigint, last_transaction_on date,
        opened boolean, overdue boolean, abnormal boolean, abnormal_reason text,
        rectification_on date, rectification_no text, penalty_on date, penalty_no text
      ) LANGUAGE sql STABLE AS $$
        SELECT s.estate_id, s.estate_name::text, s.community_id, s.community_name::text,
               s.street_id, s.street_name::text, s.district_id, s.district_name::text,
               s.should_open, s.assembly_filed_on, s.open_by,
               s.account_id, s.account_kind, s.bank_name, s.account_no, s.opened_on,
               s.account_status, s.balance, s.ledger_balance, s.last_transaction_on,
               s.opened, s.overdue,
               s.mismatch OR s.inactive,
               CASE WHEN s.mismatch THEN '余额与流水不符' WHEN s.inactive THEN '12个月无流水' END,
               CASE WHEN s.overdue THEN r.decided_on END, CASE WHEN s.overdue THEN r.document_no END,
               CASE WHEN s.overdue THEN p.decided_on END, CASE WHEN s.overdue THEN p.document_no END
          FROM (
            SELECT f.estate_id, f.estate_name, f.community_id, f.community_name,
                   f.street_id, f.street_name, f.district_id, f.district_name,
                   f.assembly_status = 'filed' AS should_open,
                   CASE WHEN f.assembly_status = 'filed' THEN f.assembly_filed_on END AS assembly_filed_on,
                   CASE WHEN f.assembly_status = 'filed' THEN f.assembly_filed_on + open_days END AS open_by,
                   a.id AS account_id, a.kind AS account_kind, a.bank_name, a.account_no, a.opened_on,
                   a.status AS account_status, a.balance, t.ledger AS ledger_balance, t.last_on AS last_transaction_on,
                   f.assembly_status = 'filed' AND a.kind IS NOT DISTINCT FROM 'basic' AS opened,
                   f.assembly_status = 'filed' AND a.kind IS DISTINCT FROM 'basic' AND f.assembly_filed_on + open_days < as_of AS overdue,
                   a.id IS NOT NULL AND a.balance <> t.ledger AS mismatch,
                   a.id IS NOT NULL AND a.status = 'normal' AND coalesce(t.last_on, a.opened_on) < (as_of - interval '12 months')::date AS inactive
              FROM estate_filing_states f
              LEFT JOIN common_fund_accounts a ON a.estate_id = f.estate_id
              LEFT JOIN LATERAL (
                SELECT coalesce(sum(CASE WHEN x.direction = 'credit' THEN x.amount ELSE -x.amount END), 0)::bigint AS ledger,
                       max(x.occurred_on) AS last_on
                  FROM common_fund_transactions x WHERE x.account_id = a.id
              ) t ON a.id IS NOT NULL
          ) s
          LEFT JOIN LATERAL (
            SELECT e.decided_on, e.document_no FROM common_fund_enforcements e
             WHERE e.estate_id = s.estate_id AND e.kind = 'rectification' AND e.decided_on <= as_of
             ORDER BY e.decided_on DESC, e.id DESC LIMIT 1
          ) r ON true
          LEFT JOIN LATERAL (
            SELECT e.decided_on, e.document_no FROM common_fund_enforcements e
             WHERE e.estate_id = s.estate_id AND e.kind = 'penalty' AND e.decided_on <= as_of
             ORDER BY e.decided_on DESC, e.id DESC LIMIT 1
          ) p ON true
      $$`)
  }

  async down() {
    this.schema.raw('DROP FUNCTION IF EXISTS common_fund_estates_on(date, integer)')
    this.schema.dropTable('common_fund_enforcements')
    this.schema.dropTable('common_fund_balances')
    this.schema.dropTable('common_fund_transactions')
    this.schema.dropTable('common_fund_accounts')
  }
}
