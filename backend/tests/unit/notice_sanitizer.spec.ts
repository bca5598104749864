import { test } from '@japa/runner'
import { richTextPlain as noticePlainText, sanitizeRichText as sanitizeNoticeHtml } from '#services/rich_text'

/**
 * The notice body allow-list against XSS payloads in the style of the OWASP XSS Filter Evasion
 * cheat sheet: whatever comes in, what is stored has no script, no event handler, no style, no
 * frame and no URL that runs code.
 */
const PAYLOADS: string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src="https://ok.example/a.png" onload="alert(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="jav&#x09;ascript:alert(1)">tab</a>',
  '<a href="jav&#x0A;ascript:alert(1)">newline</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">decimal</a>',
  '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">hex</a>',
  '<a href=" javascript:alert(1)">space</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<img src="data:text/html,<script>alert(1)</script>">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<p style="width: expression(alert(1))">style</p>',
  '<div style="background:url(javascript:alert(1))">bg</div>',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<body onload=alert(1)>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<<SCRIPT>alert("XSS");//<</SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<a href="//evil.example/">protocol relative</a>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<table background="javascript:alert(1)"><tr><td onclick="alert(1)">x</td></tr></table>',
  '<p onmouseover="alert(1)" class="x" id="y">text</p>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<template><script>alert(1)</script></template>',
  '"><script>alert(1)</script>',
]

/** what must never survive */
const DANGEROUS = [/<script/i, /<style/i, /<iframe/i, /<object/i, /<embed/i, /<svg/i, /<math/i, /<form/i, /<meta/i, /<base/i, /<link/i, /\son\w+\s*=/i, /javascript:/i, /vbscript:/i, /data:text/i, /data:image\/svg/i, /style\s*=/i, /expression\s*\(/i, /srcdoc/i, /href="\/\//i]

test.group('notice sanitiser', () => {
  test('{$i}: nothing dangerous survives')
    .with(PAYLOADS)
    .run(({ assert }, payload) => {
      const clean = sanitizeNoticeHtml(payload)
      for (const pattern of DANGEROUS) assert.notMatch(clean, pattern, `${payload} → ${clean}`)
      // idempotent: the stored form is already clean
      assert.equal(sanitizeNoticeHtml(clean), clean)
    })

  test('the allow-list keeps the formats of the editor', ({ assert }) => {
    const html =
      '<h2>标题</h2><p><strong>加粗</strong><em>斜体</em><u>下划线</u><s>删除</s><br></p><ul><li>一</li></ul><ol><li>二</li></ol>' +
      '<blockquote>引用</blockquote><table><thead><tr><th>表头</th></tr></thead><tbody><tr><td colspan="2">单元格</td></tr></tbody></table>'
    assert.equal(sanitizeNoticeHtml(html), html.replace('<br>', '<br />'))
  })

  test('links: http, https and mailto only, always rel="noopener noreferrer" target="_blank"', ({ assert }) => {
    assert.equal(
      sanitizeNoticeHtml('<a href="https://www.sz.gov.cn/" target="_self" rel="opener" onclick="x()">深圳</a>'),
      '<a href="https://www.sz.gov.cn/" rel="noopener noreferrer" target="_blank">深圳</a>'
    )
    assert.equal(sanitizeNoticeHtml('<a href="mailto:a@b.cn">邮件</a>'), '<a href="mailto:a@b.cn" rel="noopener noreferrer" target="_blank">邮件</a>')
    assert.equal(sanitizeNoticeHtml('<a href="javascript:alert(1)">x</a>'), '<a rel="noopener noreferrer" target="_blank">x</a>')
  })

  test('images: https and data:image (png, jpeg, gif, webp) only', ({ assert }) => {
    const png = 'data:image/png;base64,iVBORw0KGgo='
    assert.equal(sanitizeNoticeHtml(`<img src="${png}" alt="图">`), `<img src="${png}" alt="图" />`)
    assert.equal(sanitizeNoticeHtml('<img src="https://img.example/a.jpg">'), '<img src="https://img.example/a.jpg" />')
    assert.equal(sanitizeNoticeHtml('<img src="http://img.example/a.jpg">'), '')
    assert.equal(sanitizeNoticeHtml('<img src="data:image/svg+xml;base64,PHN2Zz4=">'), '')
  })

  test('plain text for message summaries', ({ assert }) => {
    assert.equal(noticePlainText('<p>请&nbsp;各项目</p><script>alert(1)</script><p>完成 &lt;自查&gt;</p>'), '请 各项目完成 <自查>')
  })
})
