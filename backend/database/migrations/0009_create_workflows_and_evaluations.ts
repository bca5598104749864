import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The workflow core shared by every reviewed process (街道社区评价 first; tenders, disputes, 居代业
 * and safety tasks later) and the first process that uses it.
 *
 * - `workflow_events`: the immutable history of every transition of every process (who, when,
 *   from → to, remark, attached data). UPDATE and DELETE are refused by a trigger (TRUNCATE, an
 *   owner-only maintenance operation, is left to test resets).
 * - `todos`: the projection of open work (待办事项). A row is addressed to a region + role(s) +
 *   feature; it is opened and closed in the same transaction as the transition that causes it.
 * - `evaluation_templates`: scoring templates (items with max score and weight) managed by the city.
 * - `evaluation_periods`: the half-year windows that have been opened / closed (auto-scored).
 * - `evaluations`: one row per estate per half-year, carrying its workflow state and version.
 */
/** 待办事项 and 街道社区评价 features of the granted roles' defaults at the time of this migration */
const NEW_DEFAULTS: Record<string, string[]> = {
  street_handler: ['todos.view', 'todos.handle', 'evaluations.view', 'evaluations.handle', 'evaluations.export'],
  party_secretary: ['todos.view', 'evaluations.view'],
  community_head: ['todos.view', 'todos.handle', 'evaluations.view', 'evaluations.handle', 'evaluations.export'],
  community_handler: ['todos.view', 'todos.handle', 'evaluations.view', 'evaluations.handle'],
}

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('workflow_events', (table) => {
      table.bigIncrements('id')
      table.text('process').notNullable()
      table.integer('subject_id').notNullable()
      table.text('action').notNullable()
      table.text('from_state').nullable()
      table.text('to_state').notNullable()
      /** null = the system (scheduled jobs) */
      table.integer('actor_id').nullable().references('users.id')
      table.text('actor_name').nullable()
      table.text('actor_role').nullable()
      table.text('remark').nullable()
      table.jsonb('data').notNullable().defaultTo('{}')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['process', 'subject_id'])
    })
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION workflow_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'workflow_events is append-only';
      END $$`)
    this.schema.raw(`CREATE TRIGGER workflow_events_no_update BEFORE UPDATE OR DELETE ON workflow_events
      FOR EACH ROW EXECUTE FUNCTION workflow_events_append_only()`)

    this.schema.createTable('todos', (table) => {
      table.bigIncrements('id')
      table.text('process').notNullable()
      table.integer('subject_id').notNullable()
      /** the state the subject waits in (one open to-do per subject and state) */
      table.text('step').notNullable()
      table.text('title').notNullable()
      table.text('summary').nullable()
      /** who it waits for: users of exactly this region, with one of these roles and this feature */
      table.integer('region_id').notNullable().references('regions.id')
      table.specificType('roles', 'text[]').notNullable()
      table.text('feature').notNullable()
      table.date('due_on').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.integer('closed_by').nullable().references('users.id')
      /** done (a user fired the next transition) / expired (the system closed it) */
      table.text('outcome').nullable()
    })
    this.schema.raw(`CREATE UNIQUE INDEX todos_open_step ON todos (process, subject_id, step) WHERE closed_at IS NULL`)
    this.schema.raw(`CREATE INDEX todos_open_by_region ON todos (region_id, created_at) WHERE closed_at IS NULL`)
    this.schema.raw(`CREATE INDEX todos_closed_by ON todos (closed_by, closed_at) WHERE closed_by IS NOT NULL`)
    this.schema.raw(`CREATE INDEX todos_subject ON todos (process, subject_id)`)

    this.schema.createTable('evaluation_templates', (table) => {
      table.increments('id')
      table.text('name').notNullable()
      /** draft (editable) → active (the one new periods use; immutable) → retired */
      table.text('status').notNullable()
      /** [{ key, name, description, maxScore, weight }], weights sum to 100 */
      table.jsonb('items').notNullable()
      table.integer('version').notNullable().defaultTo(1)
      // no foreign key: templates outlive accounts (and a reset of the accounts keeps them)
      table.integer('created_by').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.timestamp('activated_at', { useTz: true }).nullable()
    })
    this.schema.raw(`ALTER TABLE evaluation_templates ADD CONSTRAINT evaluation_templates_status_check CHECK (status IN ('draft','active','retired'))`)
    this.schema.raw(`CREATE UNIQUE INDEX evaluation_templates_one_active ON evaluation_templates ((true)) WHERE status = 'active'`)

    this.schema.createTable('evaluation_periods', (table) => {
      table.smallint('year').notNullable()
      table.smallint('half').notNullable()
      table.date('opens_on').notNullable()
      table.date('closes_on').notNullable()
      table.integer('template_id').notNullable().references('evaluation_templates.id')
      table.timestamp('opened_at', { useTz: true }).notNullable()
      /** set by the window-close job after auto-scoring what was not reviewed */
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.primary(['year', 'half'])
    })
    this.schema.raw(`ALTER TABLE evaluation_periods ADD CONSTRAINT evaluation_periods_half_check CHECK (half IN (1, 2))`)

    this.schema.createTable('evaluations', (table) => {
      table.increments('id')
      table.integer('estate_id').notNullable().references('estates.id')
      table.smallint('year').notNullable()
      table.smallint('half').notNullable()
      table.integer('template_id').notNullable().references('evaluation_templates.id')
      /** pending (待评价) → submitted (待审核) → reviewed (已审核); pending|submitted → auto_scored at window close */
      table.text('state').notNullable()
      /** { [itemKey]: score } as submitted by community staff */
      table.jsonb('submitted_scores').nullable()
      table.decimal('submitted_score', 6, 2).nullable()
      table.text('submit_remark').nullable()
      table.integer('submitted_by').nullable().references('users.id')
      table.timestamp('submitted_at', { useTz: true }).nullable()
      /** the scores that take effect (re-scored or confirmed by the street handler) */
      table.jsonb('reviewed_scores').nullable()
      /** the half's score once it takes effect: the reviewed score, or 100 when auto-scored */
      table.decimal('final_score', 6, 2).nullable()
      table.text('review_opinion').nullable()
      table.integer('reviewed_by').nullable().references('users.id')
      table.timestamp('reviewed_at', { useTz: true }).nullable()
      table.integer('version').notNullable().defaultTo(1)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['estate_id', 'year', 'half'])
      table.foreign(['year', 'half']).references(['year', 'half']).inTable('evaluation_periods')
      table.index(['year', 'half', 'state'])
    })
    this.schema.raw(`ALTER TABLE evaluations ADD CONSTRAINT evaluations_state_check CHECK (state IN ('pending','submitted','reviewed','auto_scored'))`)
    this.schema.raw(`ALTER TABLE evaluations ADD CONSTRAINT evaluations_half_check CHECK (half IN (1, 2))`)

    // accounts that already exist get the new modules' role defaults (as 0008 did for the first
    // ones); the values are frozen here so a later change of the defaults does not rewrite history
    this.defer(async (db) => {
      for (const [role, features] of Object.entries(NEW_DEFAULTS)) {
        await db.rawQuery(
          `INSERT INTO user_features (user_id, feature, granted_at)
           SELECT u.id, f.feature, now() FROM users u CROSS JOIN unnest(?::text[]) AS f(feature)
           WHERE u.role = ? ON CONFLICT DO NOTHING`,
          [features, role]
        )
      }
    })

    // every environment starts with one active template (the city admin replaces it from the UI)
    this.defer(async (db) => {
      const now = new Date()
      await db.table('evaluation_templates').insert({
        name: '物业项目服务质量评价标准',
        status: 'active',
        items: JSON.stringify([
          { key: 'service', name: '物业服务质量', description: '清洁、绿化、秩序维护等日常服务达标情况', maxScore: 25, weight: 25 },
          { key: 'facilities', name: '设施设备维护', description: '共用设施设备的巡检、保养与维修', maxScore: 20, weight: 20 },
          { key: 'safety', name: '安全管理', description: '消防、治安、安全隐患排查整改', maxScore: 20, weight: 20 },
          { key: 'complaints', name: '投诉处理', description: '业主投诉的响应、办结与回访', maxScore: 15, weight: 15 },
          { key: 'community', name: '配合社区工作', description: '配合社区党建、创文、疫情防控等工作', maxScore: 10, weight: 10 },
          { key: 'disclosure', name: '信息公开', description: '收费、公共收益等信息按规定公示', maxScore: 10, weight: 10 },
        ]),
        version: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
        activated_at: now,
      })
    })
  }

  async down() {
    this.schema.dropTable('evaluations')
    this.schema.dropTable('evaluation_periods')
    this.schema.dropTable('evaluation_templates')
    this.schema.dropTable('todos')
    this.schema.raw('DROP TRIGGER IF EXISTS workflow_events_no_update ON workflow_events')
    this.schema.dropTable('workflow_events')
    this.schema.raw('DROP FUNCTION IF EXISTS workflow_events_append_only()')
  }
}
