import { test } from '@japa/runner'
import { BindingError, bind, compile, escapeString, joinSql, modeForVersion, normalizeValue, raw, renderLiteral, sql } from '../../src/binding.ts'

test.group('renderLiteral: strings', () => {
  test('plain and unicode strings', ({ assert }) => {
    assert.equal(renderLiteral('abc', 'String'), "'abc'")
    assert.equal(renderLiteral('', 'String'), "''")
    assert.equal(renderLiteral('福田区 华富街道 中文', 'String'), "'福田区 华富街道 中文'")
    assert.equal(renderLiteral('emoji 🏠', 'String'), "'emoji 🏠'")
  })

  test('hostile strings are escaped, never terminate the literal', ({ assert }) => {
    assert.equal(renderLiteral("'; DROP TABLE x; --", 'String'), "'\\'; DROP TABLE x; --'")
    assert.equal(renderLiteral("it's", 'String'), "'it\\'s'")
    assert.equal(renderLiteral('a\\b', 'String'), "'a\\\\b'")
    // backslash followed by quote: both escaped, so the quote cannot close the literal
    assert.equal(renderLiteral("\\'", 'String'), "'\\\\\\''")
    assert.equal(renderLiteral("\\\\'", 'String'), "'\\\\\\\\\\''")
    assert.equal(renderLiteral('trailing\\', 'String'), "'trailing\\\\'")
  })

  test('control characters', ({ assert }) => {
    assert.equal(renderLiteral('a\nb', 'String'), "'a\\nb'")
    assert.equal(renderLiteral('a\r\tb', 'String'), "'a\\r\\tb'")
    assert.equal(renderLiteral('nul\0x', 'String'), "'nul\\0x'")
    assert.equal(renderLiteral('\u0001\u001f\u007f', 'String'), "'\\x01\\x1F\\x7F'")
    assert.equal(renderLiteral('\b\f', 'String'), "'\\b\\f'")
  })

  test('an escaped literal has no unescaped quote inside', ({ assert }) => {
    const samples = ["'", "''", "\\'", "\\\\'", "'\\", "x' OR '1'='1", "'); DROP DATABASE szpm; --", '\0\'\\\n']
    for (const sample of samples) {
      const inner = escapeString(sample).slice(1, -1)
      // remove escaped pairs, then no quote or lone backslash may remain
      const stripped = inner.replace(/\\(x[0-9A-F]{2}|.)/g, '')
      assert.notInclude(stripped, "'")
      assert.notInclude(stripped, '\\')
    }
  })

  test('non-strings and lone surrogates rejected', ({ assert }) => {
    assert.throws(() => renderLiteral(5, 'String'), BindingError)
    assert.throws(() => renderLiteral(null, 'String'), BindingError)
    assert.throws(() => renderLiteral(undefined, 'String'), BindingError)
    assert.throws(() => renderLiteral({ toString: () => "'" }, 'String'), BindingError)
    assert.throws(() => renderLiteral('bad \uD800 surrogate', 'String'), BindingError)
  })
})

test.group('renderLiteral: numbers', () => {
  test('integers within range', ({ assert }) => {
    assert.equal(renderLiteral(0, 'UInt8'), '0')
    assert.equal(renderLiteral(255, 'UInt8'), '255')
    assert.equal(renderLiteral(65535, 'UInt16'), '65535')
    assert.equal(renderLiteral(4294967295, 'UInt32'), '4294967295')
    assert.equal(renderLiteral('18446744073709551615', 'UInt64'), '18446744073709551615')
    assert.equal(renderLiteral(18446744073709551615n, 'UInt64'), '18446744073709551615')
    assert.equal(renderLiteral(-2147483648, 'Int32'), '-2147483648')
    assert.equal(renderLiteral('-9223372036854775808', 'Int64'), '-9223372036854775808')
  })

  test('invalid integers rejected', ({ assert }) => {
    const cases: Array<[unknown, 'UInt8' | 'UInt32' | 'UInt64' | 'Int32' | 'Int64']> = [
      [Number.NaN, 'UInt32'],
      [Number.POSITIVE_INFINITY, 'UInt32'],
      [Number.NEGATIVE_INFINITY, 'Int32'],
      [1.5, 'UInt32'],
      [-1, 'UInt32'],
      [256, 'UInt8'],
      [4294967296, 'UInt32'],
      [2147483648, 'Int32'],
      ['18446744073709551616', 'UInt64'],
      ['9223372036854775808', 'Int64'],
      [2 ** 53, 'UInt64'],
      ['1 OR 1=1', 'UInt32'],
      ['0x10', 'UInt32'],
      ['1e3', 'UInt32'],
      ['01', 'UInt32'],
      ['', 'UInt32'],
      [' 1', 'UInt32'],
      [true, 'UInt32'],
      [null, 'UInt32'],
      [[1], 'UInt32'],
    ]
    for (const [value, type] of cases) {
      assert.throws(() => renderLiteral(value, type), BindingError, /cannot bind/, `${String(value)} as ${type}`)
    }
  })

  test('Float64', ({ assert }) => {
    assert.equal(renderLiteral(1.25, 'Float64'), '1.25')
    assert.equal(renderLiteral(-0, 'Float64'), '0')
    assert.equal(renderLiteral(1e21, 'Float64'), '1e+21')
    assert.throws(() => renderLiteral(Number.NaN, 'Float64'), BindingError)
    assert.throws(() => renderLiteral(Number.POSITIVE_INFINITY, 'Float64'), BindingError)
    assert.throws(() => renderLiteral('1.5', 'Float64'), BindingError)
  })
})

test.group('renderLiteral: dates, arrays, types', () => {
  test('Date and DateTime', ({ assert }) => {
    assert.equal(renderLiteral('2024-02-29', 'Date'), "toDate('2024-02-29')")
    assert.equal(renderLiteral(new Date('2024-03-01T00:00:00Z'), 'Date'), "toDate('2024-03-01')")
    assert.equal(renderLiteral('2024-01-02 03:04:05', 'DateTime'), "toDateTime('2024-01-02 03:04:05')")
  })

  test('invalid dates rejected', ({ assert }) => {
    const dates = ['2023-02-29', '2024-13-01', '2024-00-10', '2024-01-32', '24-01-01', '2024-1-1', "2024-01-01'", '2024-01-01 00:00:00', '1969-12-31', '', 20240101]
    for (const value of dates) assert.throws(() => renderLiteral(value, 'Date'), BindingError, /cannot bind/, String(value))
    const datetimes = ['2024-01-01', '2024-01-01T00:00:00', '2024-01-01 24:00:00', '2024-01-01 00:60:00', "2024-01-01 00:00:00'); --"]
    for (const value of datetimes) assert.throws(() => renderLiteral(value, 'DateTime'), BindingError, /cannot bind/, value)
    assert.throws(() => renderLiteral(new Date('nope'), 'Date'), BindingError)
  })

  test('arrays', ({ assert }) => {
    assert.equal(renderLiteral([1, 2, 3], 'Array(UInt32)'), '[1, 2, 3]')
    assert.equal(renderLiteral([], 'Array(UInt32)'), '[]')
    assert.equal(renderLiteral(["a'b", '中'], 'Array(String)'), "['a\\'b', '中']")
    assert.equal(renderLiteral([[1], [2, 3]], 'Array(Array(UInt8))'), '[[1], [2, 3]]')
    assert.throws(() => renderLiteral([1, -1], 'Array(UInt32)'), BindingError)
    assert.throws(() => renderLiteral('1,2', 'Array(UInt32)'), BindingError)
  })

  test('unknown types rejected', ({ assert }) => {
    assert.throws(() => renderLiteral(1, 'UInt128' as never), BindingError)
    assert.throws(() => renderLiteral('x', 'String) OR (1' as never), BindingError)
    assert.throws(() => bind(1, 'Decimal(10,2)' as never), BindingError)
  })

  test('BindingError carries type and value', ({ assert }) => {
    try {
      renderLiteral(-5, 'UInt32')
      assert.fail('expected a BindingError')
    } catch (error) {
      assert.instanceOf(error, BindingError)
      assert.equal((error as BindingError).type, 'UInt32')
      assert.equal((error as BindingError).value, -5)
      assert.equal((error as BindingError).name, 'BindingError')
    }
  })
})

test.group('compile', () => {
  const fragment = () => {
    const where = joinSql([sql`a = ${bind(7, 'UInt32')}`, sql`b = ${bind("x'y", 'String')}`], ' AND ')
    return sql`SELECT * FROM t WHERE ${where} AND d IN ${bind(['2024-01-01'], 'Array(Date)')}`
  }

  test('literal mode inlines escaped literals', ({ assert }) => {
    assert.deepEqual(compile(fragment(), 'literal'), {
      sql: "SELECT * FROM t WHERE a = 7 AND b = 'x\\'y' AND d IN [toDate('2024-01-01')]",
      params: {},
      mode: 'literal',
    })
  })

  test('server mode uses typed placeholders and query_params', ({ assert }) => {
    assert.deepEqual(compile(fragment(), 'server'), {
      sql: 'SELECT * FROM t WHERE a = {p0:UInt32} AND b = {p1:String} AND d IN {p2:Array(Date)}',
      params: { p0: 7, p1: "x'y", p2: ['2024-01-01'] },
      mode: 'server',
    })
  })

  test('server mode validates values too', ({ assert }) => {
    assert.throws(() => compile(sql`SELECT ${bind(Number.NaN, 'UInt32')}`, 'server'), BindingError)
    assert.equal(normalizeValue('18446744073709551615', 'UInt64'), '18446744073709551615')
  })

  test('raw values cannot be interpolated', ({ assert }) => {
    assert.throws(() => sql`SELECT ${"1; DROP TABLE x" as never}`, TypeError)
    assert.equal(compile(raw('SELECT 1'), 'literal').sql, 'SELECT 1')
  })

  test('mode from server version', ({ assert }) => {
    assert.equal(modeForVersion('18.16.1'), 'literal')
    assert.equal(modeForVersion('19.17.4.11'), 'literal')
    assert.equal(modeForVersion('20.3.1'), 'server')
    assert.equal(modeForVersion('24.8.4.13'), 'server')
    assert.equal(modeForVersion('garbage'), 'literal')
  })
})
