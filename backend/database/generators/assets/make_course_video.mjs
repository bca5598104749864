#!/usr/bin/env node
/**
 * Produces course.webm, the demo's video course file (committed beside this script; run it again only
 * to change the clip): Chromium records 8 seconds of a canvas animation with MediaRecorder (WebM, VP8,
 * no audio track — open codecs every Chromium plays, unlike H.264 in MP4) and the script checks that the
 * clip states its duration. No ffmpeg: the Debian chromium the browser tests use and playwright (a dev
 * dependency) are all it needs.
 *
 *   node backend/database/generators/assets/make_course_video.mjs   # CHROMIUM_PATH=/usr/bin/chromium by default
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright'

const SECONDS = 8
const target = fileURLToPath(new URL('./course.webm', import.meta.url))

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
try {
  const page = await browser.newPage()
  const bytes = await page.evaluate(async (seconds) => {
    const canvas = document.createElement('canvas')
    canvas.width = 320
    canvas.height = 180
    const g = canvas.getContext('2d')
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 120_000 })
    const chunks = []
    recorder.ondataavailable = (event) => chunks.push(event.data)
    const done = new Promise((resolve) => (recorder.onstop = resolve))
    const start = performance.now()
    const draw = () => {
      const t = (performance.now() - start) / 1000
      g.fillStyle = '#1f4e8c'
      g.fillRect(0, 0, 320, 180)
      g.fillStyle = '#ffffff'
      g.font = '20px sans-serif'
      g.fillText('SZPM training course', 60, 70)
      g.fillText(`${Math.min(t, seconds).toFixed(1)} s`, 130, 110)
      g.fillStyle = '#f5a623'
      g.fillRect(20, 150, Math.min(t / seconds, 1) * 280, 10)
      if (t < seconds) requestAnimationFrame(draw)
    }
    draw()
    recorder.start()
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
    recorder.stop()
    await done
    return Array.from(new Uint8Array(await new Blob(chunks).arrayBuffer()))
  }, SECONDS)
  const clip = Buffer.from(bytes)
  assertDuration(clip)
  writeFileSync(target, clip)
  console.log(`${target}: ${clip.length} bytes, ${SECONDS} s`)
} finally {
  await browser.close()
}

/**
 * Fails unless the clip's Segment Info (0x1549A966) carries a Duration (0x4489): without one a player
 * reports an infinite duration and 我的学习 cannot count progress. Debian's chromium (≥ 120) writes it,
 * with SeekHead and Cues; an older recorder that leaves it out needs it written in.
 */
function assertDuration(webm) {
  // the ID also appears in the SeekHead (as a SeekID): look at every occurrence
  const id = Buffer.from('1549a966', 'hex')
  for (let at = webm.indexOf(id); at >= 0; at = webm.indexOf(id, at + 1)) {
    const duration = webm.indexOf(Buffer.from('4489', 'hex'), at)
    if (duration > 0 && duration < at + 32) return
  }
  throw new Error('the recording has no Duration in its Segment Info')
}
