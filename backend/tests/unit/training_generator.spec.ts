import { test } from '@japa/runner'
import pg from 'pg'
import { OWNER_DATABASE_URL } from '#config/database'
import { storage } from '#services/file_storage'
import { resetWorld } from '#tests/support/world'
import { GENERATORS, runGenerators } from '#database/generators/index'
import type { Scale } from '#database/generators/index'
import { courseVideoBytes, tinyMp4, tinyPdf } from '#database/generators/training'
import { mediaMatches } from '#modules/training/training_media'

/** a few streets of the demo shape, a handful of courses */
const SMALL: Scale = {
  communitiesPerStreet: [1, 2],
  estatesPerCommunity: [2, 3],
  housesPerEstate: [5, 10],
  noticesPerStreet: [1, 1],
  courses: 8,
  coursesPerLearner: [2, 4],
  streets: ['园岭街道', '桂园街道'],
}

async function withClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: OWNER_DATABASE_URL, application_name: 'szpm-generator-tests' })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/**
 * 宣传培训's demo data (generators/training.ts): courses with small files that pass the upload's own
 * content check, and the learning records of estate practitioners only, each within its audience, as
 * the progress service leaves them (completion ⇔ 100, learned minutes = length × progress); the same
 * seed gives the same records.
 */
test.group('training generator', (group) => {
  group.each.teardown(() => resetWorld())

  test('the generated files are what an upload accepts', ({ assert }) => {
    assert.isTrue(mediaMatches('pdf', tinyPdf(['SZPM'])))
    assert.isTrue(mediaMatches('mp4', tinyMp4(60)))
    // the demo's video: a WebM the upload accepts as such (tests/browser/training.spec.ts plays it)
    assert.isTrue(mediaMatches('webm', courseVideoBytes()))
    assert.isBelow(courseVideoBytes().length, 200_000)
    assert.isFalse(mediaMatches('webm', tinyMp4(60)))
    assert.match(tinyPdf(['a']).toString('latin1'), /startxref\n\d+\n%%EOF\n$/)
  })

  test('courses with their files; records of estate practitioners within their audience, consistent and seeded', async ({ assert }) => {
    const snapshot = async () =>
      withClient(async (client) => (await client.query('SELECT course_id, practitioner_id, progress, learned_minutes FROM learning_records ORDER BY practitioner_id, course_id')).rows)
    const result = await withClient((client) => runGenerators(GENERATORS, { client, scale: SMALL, seed: 11, fresh: true }))
    assert.equal(result.rows.training_courses, 8)
    assert.isAbove(result.rows.learning_records, 0)
    const first = await snapshot()
    await withClient(async (client) => {
      const one = async (sql: string) => (await client.query(sql)).rows[0]
      const courses = (await client.query('SELECT kind, storage_key, size_bytes FROM training_courses')).rows
      for (const course of courses) {
        const bytes = Buffer.from(await storage().getBytes(course.storage_key))
        assert.equal(bytes.length, Number(course.size_bytes))
        assert.isTrue(mediaMatches(course.kind === 'video' ? 'webm' : 'pdf', bytes), course.storage_key)
      }
      // only estate practitioners learn, each course at most once, lead-only courses only by leads
      assert.equal((await one(`SELECT count(*)::int AS n FROM learning_records r JOIN practitioners p ON p.id = r.practitioner_id WHERE p.staff_group <> 'estate'`)).n, 0)
      assert.equal((await one(`SELECT count(*)::int AS n FROM learning_records r JOIN practitioners p ON p.id = r.practitioner_id JOIN training_courses t ON t.id = r.course_id WHERE t.audience = 'lead' AND NOT p.is_lead`)).n, 0)
      const perLearner = (await client.query('SELECT count(*)::int AS n FROM learning_records GROUP BY practitioner_id')).rows
      for (const row of perLearner) assert.isTrue(row.n >= 2 && row.n <= 4, `${row.n} courses`)
      assert.equal(perLearner.length, (await one(`SELECT count(*)::int AS n FROM practitioners WHERE staff_group = 'estate'`)).n)
      // the progress rule: learned minutes follow the length, completion ⇔ 100, nothing in the future or before the course
      assert.equal((await one(`SELECT count(*)::int AS n FROM learning_records r JOIN training_courses t ON t.id = r.course_id
        WHERE r.learned_minutes <> round(t.duration_minutes * r.progress / 100.0) OR r.enrolled_at < t.created_at OR r.enrolled_at > now() OR r.completed_at > now() OR r.completed_at < r.enrolled_at`)).n, 0)
      const done = await one('SELECT count(*) FILTER (WHERE progress = 100)::int AS done, count(*)::int AS n FROM learning_records')
      assert.isAbove(done.done, 0)
      assert.isBelow(done.done, done.n)
    })
    await withClient((client) => runGenerators(GENERATORS, { client, scale: SMALL, seed: 11, fresh: true }))
    assert.deepEqual(await snapshot(), first)
  }).timeout(120_000)
})
