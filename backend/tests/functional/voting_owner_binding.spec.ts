import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { USERS, resetWorld } from '#tests/support/world'
import { Agent } from '#tests/support/http_agent'
import { authorizeWechat, resetOtp, sentCode } from '#tests/support/identity'
import { registerEstate } from '#tests/support/voting'

/**
 * The owner's binding check (电子投票, docs/voting.md): 业主 on the H5 identity page, name + phone + SMS
 * code matched against the house register; the first binding creates the owner account with its
 * register owners and estates, and the owner then sees their houses' meetings.
 */
const OWNER_300 = { name: '业主300', phone: '13800000300' }

test.group('Voting · owner binding', (group) => {
  group.each.setup(async () => {
    await resetWorld()
    await registerEstate()
    await resetOtp(OWNER_300.phone)
  })

  test('an owner the register names binds, gets an owner account bound to their register rows and estates', async ({ assert }) => {
    // the same buyer is also on the register of e2 (another row with the same name and phone)
    await db.rawQuery(`INSERT INTO owners (id, name, phone, id_number) VALUES (301, '业主300', '13800000300', '440304198001010301')`)
    await db.rawQuery(`UPDATE houses SET owner_id = 301 WHERE id = (SELECT min(id) FROM houses WHERE estate_id = 2)`)
    const agent = new Agent()
    await authorizeWechat(agent, 'o_owner_300')
    const sent = await agent.post('/api/v1/identity/sms', { ...OWNER_300, identity_type: 'owner' })
    assert.equal(sent.status, 200)
    const bound = await agent.post('/api/v1/identity/bind', { ...OWNER_300, code: await sentCode(OWNER_300.phone), identity_type: 'owner' })
    assert.equal(bound.status, 200)
    const account = await db.from('users').where('phone', OWNER_300.phone).first()
    assert.equal(account.role, 'owner')
    assert.equal(account.wechat_openid, 'o_owner_300')
    const owners = await db.from('owner_accounts').where('user_id', account.id).orderBy('owner_id').select('owner_id')
    assert.deepEqual(owners.map((o) => Number(o.owner_id)), [300, 301])
    const estates = await db.from('user_estates').where('user_id', account.id).orderBy('estate_id').select('estate_id', 'relation')
    assert.deepEqual(estates.map((e) => [Number(e.estate_id), e.relation]), [[1, 'owner'], [2, 'owner']])
    // signed in: their ballots page answers (no meeting yet)
    const mine = await agent.get('/api/v1/voting/mine')
    assert.equal(mine.status, 200)
    assert.deepEqual(mine.body.data, [])
    // binding again (a new phone session) creates nothing twice
    await resetOtp(OWNER_300.phone)
    await agent.post('/api/v1/identity/sms', { ...OWNER_300, identity_type: 'owner' })
    const again = await agent.post('/api/v1/identity/bind', { ...OWNER_300, code: await sentCode(OWNER_300.phone), identity_type: 'owner' })
    assert.equal(again.status, 200)
    assert.equal(Number((await db.from('users').where('phone', OWNER_300.phone).count('* as n'))[0].n), 1)
    assert.equal(Number((await db.from('owner_accounts').where('user_id', account.id).count('* as n'))[0].n), 2)
  })

  test('refused: a name the register does not pair with the phone, a government account, a wrong code — nothing is created', async ({ assert }) => {
    const agent = new Agent()
    await authorizeWechat(agent, 'o_owner_refused')
    const wrongName = await agent.post('/api/v1/identity/sms', { name: '业主301', phone: OWNER_300.phone, identity_type: 'owner' })
    assert.equal(wrongName.status, 422)
    assert.equal(wrongName.body.errors[0].message, '房屋登记中没有与姓名、手机号码匹配的业主，请联系业主委员会或物业服务中心核对')
    // a register owner whose phone is a government account's: that account is not an owner's
    await db.rawQuery(`INSERT INTO owners (id, name, phone, id_number) VALUES (302, ?, ?, '440304198001010302')`, [USERS.handler.name, USERS.handler.phone])
    const government = await agent.post('/api/v1/identity/sms', { name: USERS.handler.name, phone: USERS.handler.phone, identity_type: 'owner' })
    assert.equal(government.status, 422)
    assert.equal(government.body.errors[0].field, 'identity_type')
    const wrongCode = await agent.post('/api/v1/identity/bind', { ...OWNER_300, code: '000000', identity_type: 'owner' })
    assert.equal(wrongCode.status, 422)
    assert.equal(Number((await db.from('users').where('role', 'owner').whereNot('phone', 'like', '1370000%').count('* as n'))[0].n), 0)
    assert.equal(Number((await db.from('owner_accounts').whereNotIn('user_id', [2001, 2002, 2003, 2004]).count('* as n'))[0].n), 0)
  })
})
