/**
 * The text of a PDF, page by page, read back with Mozilla's PDF.js (pdfjs-dist, legacy build for Node):
 * what a reader's copy / search would see, so a receipt's content is checked in the file itself.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

export async function pdfText(pdf: Buffer): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 })
  const document = await task.promise
  try {
    const pages: string[] = []
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent()
      pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''))
    }
    return pages
  } finally {
    await task.destroy()
  }
}
