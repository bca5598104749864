import { computed, reactive, ref, shallowRef, type Ref } from 'vue'
import type { PaperBallotEntry, VotingMeetingDetail } from '@szpm/api'
import type { VotingChoice } from '@szpm/core'
import { voting } from '@/api/voting'
import { failureMessage, submitForm } from '@/utils/feedback'
import { formatDateTime } from '@/utils/format'

/**
 * 纸质选票 on 表决结果, for the meeting's convener while it is open: 录入纸质选票 (the house, a choice
 * per topic it answers, the scan — uploaded at once when picked, PDF / JPG / PNG up to 10 MB, checked
 * by the server) and the entry log (who entered which house's ballot when; 查看扫描件; 导出Excel). The last
 * ballot of a house counts, paper or the owner's own on H5.
 */
export function usePaperBallots(meeting: Ref<VotingMeetingDetail | null>, reload: () => Promise<unknown>) {
  const entries = shallowRef<PaperBallotEntry[]>([])
  const houses = shallowRef<{ id: number; name: string; registered: boolean }[]>([])
  const open = ref(false)
  const saving = ref(false)
  const uploading = ref(false)
  const fieldErrors = ref<Record<string, string>>({})
  const form = reactive({
    house_id: undefined as number | undefined,
    choices: {} as Record<number, VotingChoice | ''>,
    scan_token: '',
    scan_name: '',
    request_id: '',
  })

  async function loadEntries() {
    if (!meeting.value) return
    try {
      entries.value = (await voting.paperBallots(meeting.value.id)).data
    } catch (error) {
      ElMessage.error(failureMessage(error))
    }
  }

  async function openEntry() {
    const current = meeting.value
    if (!current) return
    fieldErrors.value = {}
    // one request id per entry: a double click or a retried submit counts once
    Object.assign(form, { house_id: undefined, choices: Object.fromEntries(current.topics.map((t) => [t.id, ''])), scan_token: '', scan_name: '', request_id: crypto.randomUUID() })
    open.value = true
    if (houses.value.length === 0) {
      try {
        houses.value = (await voting.paperHouses(current.id)).data
      } catch (error) {
        ElMessage.error(failureMessage(error))
      }
    }
  }

  async function onScan(event: Event) {
    const input = event.target as HTMLInputElement
    const file = input.files?.[0]
    input.value = ''
    if (!file || !meeting.value) return
    uploading.value = true
    fieldErrors.value = { ...fieldErrors.value, scan_token: '', file: '' }
    try {
      const { data } = await voting.uploadPaperScan(meeting.value.id, file, file.name)
      form.scan_token = data.token
      form.scan_name = data.fileName
    } catch (error) {
      fieldErrors.value = { ...fieldErrors.value, file: failureMessage(error) }
    } finally {
      uploading.value = false
    }
  }

  function submit() {
    const current = meeting.value!
    return submitForm(saving, fieldErrors, async () => {
      const choices = current.topics.filter((t) => form.choices[t.id]).map((t) => ({ topic_id: t.id, choice: form.choices[t.id] as VotingChoice }))
      if (choices.length === 0) {
        fieldErrors.value = { choices: '请至少填写一个议题的表决意见' }
        return
      }
      if (!form.scan_token) {
        fieldErrors.value = { scan_token: '请上传纸质选票扫描件' }
        return
      }
      const { meta } = await voting.enterPaperBallot(current.id, { house_id: form.house_id ?? 0, choices, scan_token: form.scan_token, request_id: form.request_id })
      open.value = false
      ElMessage.success(meta.replayed ? '该纸质选票已录入' : '纸质选票已录入')
      await Promise.all([loadEntries(), reload()])
    })
  }

  // 导出Excel: the entry log as the server writes it (audited as an export)
  const exportUrl = computed(() => (meeting.value ? voting.paperBallotsExportUrl(meeting.value.id) : ''))

  return {
    entries, houses, open, saving, uploading, fieldErrors, form, loadEntries, openEntry, onScan, submit, formatDateTime, exportUrl,
    scanUrl: (scanBallotId: number) => voting.paperScanUrl(scanBallotId),
  }
}
