/**
 * The one place rich text is made safe: 通知发布's notice bodies (docs/notices.md → 富文本白名单) and
 * 信息公开's announcements (docs/disclosures.md). Only the sanitised HTML is stored; the front ends
 * render it as is.
 *
 * Allow-list: paragraphs and line breaks, bold / italic / underline / strike-through, headings h1–h4,
 * lists, block quotes, tables, links (http, https, mailto only; always rel="noopener noreferrer"
 * target="_blank") and images (https or data:image/png|jpeg|gif|webp only). Everything else goes:
 * script / style / iframe / object / form … with their content, every attribute not listed (on*,
 * style, class, id), `javascript:` / `vbscript:` / `data:text/html` URLs however encoded.
 */
import sanitizeHtml from 'sanitize-html'

const DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp);base64,[a-z0-9+/=\s]+$/i

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'h1', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'a', 'img',
    'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // dropped together with their content, never shown as text
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'xmp', 'noembed', 'noframes'],
  disallowedTagsMode: 'discard',
  enforceHtmlBoundary: false,
  parseStyleAttributes: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'noopener noreferrer', target: '_blank' },
    }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !safeImageSource(frame.attribs.src),
}

/** an image source the allow-list keeps: https, or an inline png / jpeg / gif / webp */
function safeImageSource(src: string | undefined) {
  if (!src) return false
  const value = src.trim()
  if (value.toLowerCase().startsWith('data:')) return DATA_IMAGE.test(value)
  return /^https:\/\//i.test(value)
}

/** The stored form of rich text: the allow-listed HTML, trimmed. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim()
}

/** Rich text as plain text (message summaries, the empty-body check), whitespace collapsed. */
export function richTextPlain(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {}, nonTextTags: OPTIONS.nonTextTags })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Is sanitised rich text empty (no text and no image)? */
export function richTextIsEmpty(html: string): boolean {
  return !richTextPlain(html) && !/<img\b/i.test(html)
}

/** Plain text made safe to put inside HTML (template fields that are not rich text). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}
