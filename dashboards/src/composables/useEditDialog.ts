import { reactive, ref, type Ref, type UnwrapRef } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError } from '@szpm/api'
import { failureMessage } from '@/utils/feedback'

export interface EditDialogOptions<Row, Form extends object> {
  /** the form of a new record */
  empty: () => Form
  /** the form of an edit, from the listed row */
  formOf: (row: Row) => Form
  /** sends the form: an add when `editing` is null; resolves with the success message */
  submit: (form: Form, editing: Row | null) => Promise<string>
  /** reloads the list (after a save, and after a 409 / 404) */
  reload: () => unknown
}

/**
 * The add / edit dialog of a maintained list: its form, the record being edited, `save()` — a 422's
 * field messages go to `fieldErrors` (shown at their el-form-item), a 409 (someone else changed the
 * record since it was read: the version rule) or a 404 shows the server's message, closes the dialog
 * and reloads the list; anything else is a message.
 */
export function useEditDialog<Row, Form extends object>(options: EditDialogOptions<Row, Form>) {
  const open = ref(false)
  const editing = ref(null) as Ref<Row | null>
  const form = reactive(options.empty()) as UnwrapRef<Form> & Form
  const fieldErrors = ref<Record<string, string>>({})
  const saving = ref(false)

  function show(row: Row | null) {
    editing.value = row
    Object.assign(form, row === null ? options.empty() : options.formOf(row))
    fieldErrors.value = {}
    open.value = true
  }

  async function save() {
    fieldErrors.value = {}
    saving.value = true
    try {
      ElMessage.success(await options.submit(form, editing.value))
      open.value = false
      await options.reload()
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && Object.keys(error.fields).length) {
        fieldErrors.value = { ...error.fields }
        return
      }
      ElMessage.error(failureMessage(error))
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        open.value = false
        await options.reload()
      }
    } finally {
      saving.value = false
    }
  }

  return { open, editing, form, fieldErrors, saving, openCreate: () => show(null), openEdit: (row: Row) => show(row), save }
}
