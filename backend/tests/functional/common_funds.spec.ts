import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { commonFunds } from '@szpm/core'
import clock from '#services/clock'
import { R, E } from '#tests/support/world'
import { actor } from '#tests/support/actors'
import { readSheet } from '#tests/support/excel'
import { reconcileWarehouse } from '#tests/support/warehouse'
import { A, onCommonFundsDay, resetCommonFundsWorld } from '#tests/support/common_funds'

const METRICS = Object.keys(commonFunds.statistics!.metrics)
const pick = (row: Record<string, unknown>) => Object.fromEntries(['name', ...METRICS].map((key) => [key, row[key]]))

test.group('共有资金情况 · statistics from the warehouse', (group) => {
  group.setup(resetCommonFundsWorld)
  group.each.setup(onCommonFundsDay)

  test('a street head sees its communities with every figure and the 合计', async ({ client, assert }) => {
    const response = await client.visit('api.common_fund_stats.index').loginAs(await actor('head'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(data.map(pick), [
      { name: '园岭一社区', estates: 2, shouldOpen: 1, opened: 1, notOpened: 0, openRate: 100, basicAccounts: 1, coManagedAccounts: 1, abnormalAccounts: 1, rectificationOrders: 0, penalties: 0 },
      { name: '园岭二社区', estates: 2, shouldOpen: 1, opened: 0, notOpened: 1, openRate: 0, basicAccounts: 0, coManagedAccounts: 1, abnormalAccounts: 1, rectificationOrders: 1, penalties: 1 },
    ])
    assert.deepEqual(pick({ name: '合计', ...meta.totals }), { name: '合计', estates: 4, shouldOpen: 2, opened: 1, notOpened: 1, openRate: 50, basicAccounts: 1, coManagedAccounts: 2, abnormalAccounts: 2, rectificationOrders: 1, penalties: 1 })
  })

  test('开户率 is empty (—) where nothing should be opened, and the estates drill down', async ({ client, assert }) => {
    const district = await client.visit('api.common_fund_stats.index').loginAs(await actor('futian'))
    assert.deepEqual(district.body().data.map((r: any) => [r.name, r.estates, r.shouldOpen, r.openRate]), [
      ['园岭街道', 4, 2, 50],
      ['南园街道', 1, 0, null],
    ])
    const community = await client.visit('api.common_fund_stats.index').qs({ region_id: R.yl2 }).loginAs(await actor('head'))
    assert.deepEqual(community.body().data.map((r: any) => [r.id, r.name, r.level, r.shouldOpen, r.notOpened, r.penalties, r.abnormalAccounts]), [
      [E.e6, '星河雅居', 'estate', 0, 0, 0, 1],
      [E.e3, '碧海花园', 'estate', 1, 1, 1, 0],
    ])
  })

  test('the rule is read as of today: before the opening period ends nothing is overdue', async ({ client, assert }) => {
    // 碧海花园 filed its 业主大会 on 2025-09-09: not overdue until 2025-10-09 has passed
    clock.travelTo('2025-10-09T12:00:00+08:00')
    const response = await client.visit('api.common_fund_stats.index').qs({ region_id: R.yl2 }).loginAs(await actor('head'))
    const e3 = response.body().data.find((r: any) => r.id === E.e3)
    assert.deepInclude(e3, { notOpened: 1, rectificationOrders: 0, penalties: 0 })
  })

  test('every cell opens the records behind it, in the same number', async ({ client, assert }) => {
    const head = await actor('head')
    const stats = (await client.visit('api.common_fund_stats.index').loginAs(head)).body()
    for (const [key, metric] of Object.entries(commonFunds.statistics!.metrics)) {
      if (!metric.records) continue
      const list = await client.visit('api.common_fund_estates.index').qs({ ...metric.records, region_id: R.yuanling }).loginAs(head)
      list.assertStatus(200)
      assert.equal(list.body().meta.total, stats.meta.totals[key], `${metric.label} (${key})`)
    }
  })

  test('the records show the account masked, money in 元, the reasons and the enforcement', async ({ client, assert }) => {
    const head = await actor('head')
    const abnormal = await client.visit('api.common_fund_estates.index').qs({ abnormal: '1' }).loginAs(head)
    assert.deepEqual(abnormal.body().data.map((r: any) => [r.estateName, r.accountKindName, r.balance, r.abnormalReason]), [
      ['锦华苑', '共管账户', '500.00', '余额与流水不符'],
      ['星河雅居', '共管账户', '300.00', '12个月无流水'],
    ])
    const e1 = (await client.visit('api.common_fund_estates.index').qs({ estate_id: E.e1 }).loginAs(head)).body().data[0]
    assert.deepEqual(e1, {
      estateId: E.e1, estateName: '翠园小区', districtName: '福田区', streetName: '园岭街道', communityName: '园岭一社区',
      shouldOpen: true, assemblyFiledOn: '2024-06-01', openBy: '2024-07-01',
      accountId: A.e1, accountKind: 'basic', accountKindName: '基本账户', bankName: '招商银行深圳分行', accountNo: '6222 **** **** 1234',
      openedOn: '2024-06-20', accountStatus: 'normal', accountStatusName: '正常', balance: '12000.50', abnormal: false, abnormalReason: null,
      rectificationOn: null, rectificationNo: null, rectifyBy: null, penaltyOn: null, penaltyNo: null,
    })
    const overdue = (await client.visit('api.common_fund_estates.index').qs({ enforcement: 'penalty' }).loginAs(head)).body().data
    assert.deepEqual(overdue.map((r: any) => [r.estateName, r.openBy, r.rectificationOn, r.rectificationNo, r.rectifyBy, r.penaltyOn, r.penaltyNo]), [
      ['碧海花园', '2025-10-09', '2025-10-20', '责改字〔2025〕00003号', '2025-11-19', '2025-12-01', '深罚字〔2025〕00003号'],
    ])
    const keyword = await client.visit('api.common_fund_estates.index').qs({ q: '星河' }).loginAs(head)
    assert.deepEqual(keyword.body().data.map((r: any) => r.estateName), ['星河雅居'])
  })

  test('an account opens its 账户流水 (date, 借/贷, amount, balance, summary)', async ({ client, assert }) => {
    const response = await client.visit('api.common_fund_transactions.index', { id: A.e1 }).loginAs(await actor('head'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(data.map((r: any) => [r.occurredOn, r.directionName, r.amount, r.balance, r.summary]), [
      ['2024-06-20', '贷', '10000.00', '10000.00', '开户存入'],
      ['2026-10-15', '贷', '2500.50', '12500.50', '公共收益存入'],
      ['2026-11-03', '借', '500.00', '12000.50', '公共设施维修'],
    ])
    assert.deepInclude(meta, { total: 3, page: 1, perPage: 20 })
    assert.deepInclude(meta.account, { estateName: '翠园小区', kindName: '基本账户', accountNo: '6222 **** **** 1234', balance: '12000.50' })
    const ranged = await client.visit('api.common_fund_transactions.index', { id: A.e1 }).qs({ from: '2026-10-01', to: '2026-10-31' }).loginAs(await actor('head'))
    assert.deepEqual(ranged.body().data.map((r: any) => r.occurredOn), ['2026-10-15'])
  })

  test('an account outside the region, or none, is a 404; bad input a 422 with the field', async ({ client, assert }) => {
    const head = await actor('head')
    for (const id of [A.e5, 9999]) {
      const response = await client.visit('api.common_fund_transactions.index', { id }).loginAs(head)
      response.assertStatus(404)
      response.assertBody({ errors: [{ message: '记录不存在' }] })
    }
    ;(await client.visit('api.common_fund_transactions.export', { id: A.e5 }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.common_fund_estates.index').qs({ region_id: R.guiyuan }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.common_fund_stats.index').qs({ region_id: R.gy1 }).loginAs(head)).assertStatus(404)
    ;(await client.visit('api.common_fund_banks.index').qs({ region_id: R.luohu }).loginAs(head)).assertStatus(404)
    const cases: [string, Record<string, string>, string][] = [
      ['api.common_fund_estates.index', { open_state: 'maybe' }, 'open_state'],
      ['api.common_fund_estates.index', { account_kind: 'gold' }, 'account_kind'],
      ['api.common_fund_estates.index', { region_id: '1 OR 1=1' }, 'region_id'],
      ['api.common_fund_banks.index', { from: '2026-13' }, 'from'],
      ['api.common_fund_banks.index', { from: '2026-11', to: '2026-01' }, 'to'],
      ['api.common_fund_banks.index', { from: '2020-01', to: '2026-01' }, 'to'],
    ]
    for (const [route, qs, field] of cases) {
      const response = await client.visit(route as any).qs(qs).loginAs(head)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field)
      assert.match(response.body().errors[0].message, /[\u4e00-\u9fa5]/)
    }
    const badDate = await client.visit('api.common_fund_transactions.index', { id: A.e1 }).qs({ from: '2026-02-30' }).loginAs(head)
    badDate.assertStatus(422)
    assert.equal(badDate.body().errors[0].field, 'from')
  })

  test('共享银行统计: accounts and month-end balances per bank, month by month', async ({ client, assert }) => {
    const response = await client.visit('api.common_fund_banks.index').qs({ from: '2026-10', to: '2026-11' }).loginAs(await actor('head'))
    response.assertStatus(200)
    const { data, meta } = response.body()
    assert.deepEqual(data, [
      { bankName: '中国建设银行深圳分行', month: '2026-11', accounts: 1, balance: '400.00' },
      { bankName: '招商银行深圳分行', month: '2026-10', accounts: 1, balance: '12500.50' },
      { bankName: '招商银行深圳分行', month: '2026-11', accounts: 2, balance: '12300.50' },
    ])
    assert.deepInclude(meta, { from: '2026-10', to: '2026-11' })
    // by default the twelve months up to this one; the city admin sees 罗湖 too
    const city = await client.visit('api.common_fund_banks.index').loginAs(await actor('city'))
    assert.deepInclude(city.body().meta, { from: '2026-01', to: '2026-12' })
    assert.lengthOf(city.body().data, 3)
    const older = await client.visit('api.common_fund_banks.index').qs({ from: '2025-01', to: '2025-12' }).loginAs(await actor('city'))
    assert.deepEqual(older.body().data, [{ bankName: '中国建设银行深圳分行', month: '2025-02', accounts: 1, balance: '100.00' }])
  })

  test('exports: the table with its 合计, the records, the 账户流水 and the banks', async ({ client, assert }) => {
    const head = await actor('head')
    const stats = await client.visit('api.common_fund_stats.export').loginAs(head)
    stats.assertStatus(200)
    const sheet = await readSheet(stats.body())
    // two header rows: the declared groups merged over their columns, the other headers over both rows
    assert.deepEqual(sheet.rows[0], ['社区', '物业项目总数(个)', '应开共有资金账户数', '应开共有资金账户数', '应开共有资金账户数', '应开共有资金账户数', '共有资金账户数', '共有资金账户数', '异常账户数(个)', '逾期未开户责令整改数(个)', '逾期未开户行政处罚数(个)'])
    assert.deepEqual(sheet.rows[1], ['社区', '物业项目总数(个)', '总数(个)', '已开数(个)', '未开数(个)', '开户率(%)', '基本账户(个)', '共管账户(个)', '异常账户数(个)', '逾期未开户责令整改数(个)', '逾期未开户行政处罚数(个)'])
    assert.deepEqual(sheet.merges, ['A1:A2', 'B1:B2', 'C1:F1', 'G1:H1', 'I1:I2', 'J1:J2', 'K1:K2'])
    assert.deepEqual(sheet.rows[4], ['合计', 4, 2, 1, 1, 50, 1, 2, 2, 1, 1])
    const records = await readSheet((await client.visit('api.common_fund_estates.export').qs({ account_kind: 'co_managed' }).loginAs(head)).body())
    assert.equal(records.rows[0][0], '所属区')
    assert.lengthOf(records.rows, 3)
    const ledger = await readSheet((await client.visit('api.common_fund_transactions.export', { id: A.e1 }).loginAs(head)).body())
    assert.deepEqual(ledger.rows, [
      ['日期', '借/贷', '金额(元)', '余额(元)', '摘要'],
      ['2024-06-20', '贷', '10000.00', '10000.00', '开户存入'],
      ['2026-10-15', '贷', '2500.50', '12500.50', '公共收益存入'],
      ['2026-11-03', '借', '500.00', '12000.50', '公共设施维修'],
    ])
    const banks = await readSheet((await client.visit('api.common_fund_banks.export').qs({ from: '2026-11', to: '2026-11' }).loginAs(head)).body())
    assert.deepEqual(banks.rows, [['开户银行', '月份', '账户数(个)', '月末余额(元)'], ['中国建设银行深圳分行', '2026-11', 1, '400.00'], ['招商银行深圳分行', '2026-11', 2, '12300.50']])
  })

  test('the features guard every route', async ({ client }) => {
    // a party secretary holds neither common_funds.view nor .export by default; a street handler reads (roles.ts), never manages
    const party = await actor('party')
    ;(await client.visit('api.common_fund_stats.index').loginAs(party)).assertStatus(403)
    ;(await client.visit('api.common_fund_transactions.index', { id: A.e1 }).loginAs(party)).assertStatus(403)
    ;(await client.visit('api.common_fund_stats.index').loginAs(await actor('handler'))).assertStatus(200)
  })

  test('an entry changes the account through the outbox, and the warehouse agrees with PostgreSQL', async ({ client, assert }) => {
    const { writeCommonFundAccountOutbox } = await import('@szpm/etl')
    const { drain } = await import('#tests/support/warehouse')
    // a new entry for 锦华苑 brings its ledger to its stored balance: no longer 异常
    await db.transaction(async (trx) => {
      await trx.table('common_fund_transactions').insert({ account_id: A.e2, occurred_on: '2026-12-01', direction: 'credit', amount: 10_000, balance: 50_000, summary: '利息收入', created_at: new Date() })
      await writeCommonFundAccountOutbox((sql, params) => trx.rawQuery(sql, params as any).then((r: any) => r.rows), [A.e2], { paramStyle: 'knex' })
    })
    await drain()
    const response = await client.visit('api.common_fund_stats.index').loginAs(await actor('head'))
    assert.equal(response.body().data[0].abnormalAccounts, 0)
    const { differences } = await reconcileWarehouse()
    assert.deepEqual(differences.filter((d) => d.table.startsWith('common_fund')), [])
  })

  test('责令整改 by the street and 行政处罚 by the district, each only when the rule allows it', async ({ client, assert }) => {
    const { drain } = await import('#tests/support/warehouse')
    const head = await actor('head')
    const futian = await actor('futian')
    const post = (who: typeof head, json: Record<string, unknown>) => client.post('/api/v1/common_funds/enforcements').json(json).withCsrfToken().loginAs(who)
    const count = async () => Number((await db.from('common_fund_enforcements').count('* as n'))[0].n)
    const before = await count()
    const refused: [typeof head, Record<string, unknown>, string, RegExp][] = [
      // 翠园小区 opened its 基本账户; 锦华苑 has no 业主大会
      [head, { estate_id: E.e1, kind: 'rectification', decided_on: '2026-12-01', document_no: '责改1' }, 'estate_id', /未逾期未开户/],
      [head, { estate_id: E.e2, kind: 'rectification', decided_on: '2026-12-01', document_no: '责改1' }, 'estate_id', /未逾期未开户/],
      [head, { estate_id: E.e3, kind: 'penalty', decided_on: '2026-12-01', document_no: '罚1' }, 'kind', /区住建部门/],
      [futian, { estate_id: E.e3, kind: 'rectification', decided_on: '2026-12-01', document_no: '责改1' }, 'kind', /街道办/],
      [head, { estate_id: E.e3, kind: 'rectification', decided_on: '2026-12-31', document_no: '责改1' }, 'decided_on', /晚于今天/],
      [head, { estate_id: E.e3, kind: 'rectification', decided_on: '2026-12-01', document_no: '' }, 'document_no', /文书号/],
      [head, { estate_id: E.e3, kind: 'warning', decided_on: '2026-12-01', document_no: '责改1' }, 'kind', /处理类型/],
    ]
    for (const [who, json, field, message] of refused) {
      const response = await post(who, json)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field, JSON.stringify(json))
      assert.match(response.body().errors[0].message, message)
    }
    // an estate outside the region is a 404, like a missing one
    ;(await post(head, { estate_id: E.e5, kind: 'rectification', decided_on: '2026-12-01', document_no: '责改1' })).assertStatus(404)
    ;(await post(head, { estate_id: 9999, kind: 'rectification', decided_on: '2026-12-01', document_no: '责改1' })).assertStatus(404)
    assert.equal(await count(), before, 'nothing written by a refused request')

    // the district penalises 碧海花园 after the period of its 2025-10-20 order (until 2025-11-19)
    const penalty = await post(futian, { estate_id: E.e3, kind: 'penalty', decided_on: '2025-12-10', document_no: '深罚字〔2025〕00009号' })
    penalty.assertStatus(201)
    assert.deepInclude(penalty.body().data, { estateId: E.e3, estateName: '碧海花园', kind: 'penalty', kindName: '行政处罚', decidedOn: '2025-12-10' })
    // the street orders again: a new period runs to 2026-12-31, so a penalty now is too early
    ;(await post(head, { estate_id: E.e3, kind: 'rectification', decided_on: '2026-12-01', document_no: '责改字〔2026〕00003号' })).assertStatus(201)
    const early = await post(futian, { estate_id: E.e3, kind: 'penalty', decided_on: '2026-12-05', document_no: '深罚字〔2026〕00001号' })
    early.assertStatus(422)
    assert.equal(early.body().errors[0].message, '整改期限（2026-12-31）届满后方可行政处罚')

    const rows = await db.from('common_fund_enforcements').where('estate_id', E.e3).orderBy('id').select('kind', 'document_no', 'region_id', 'created_by')
    assert.deepEqual(rows.slice(-2).map((r) => [r.kind, r.document_no, r.region_id]), [['penalty', '深罚字〔2025〕00009号', R.futian], ['rectification', '责改字〔2026〕00003号', R.yuanling]])
    // through the outbox into the warehouse: the records list shows the newest order and its period
    await drain()
    const record = (await client.visit('api.common_fund_estates.index').qs({ estate_id: E.e3 }).loginAs(head)).body().data[0]
    assert.deepInclude(record, { rectificationOn: '2026-12-01', rectifyBy: '2026-12-31', penaltyOn: '2025-12-10' })
    const { differences } = await reconcileWarehouse()
    assert.deepEqual(differences.filter((d) => d.table.startsWith('common_fund')), [])
  })
})
