import { reactive, ref, type Ref, type UnwrapRef } from 'vue'
import { ApiError } from '@/api/client'

export interface EditPopupOptions<Row, Form extends object> {
  /** the form of a new record */
  empty: () => Form
  /** the form of an edit, from the listed row */
  formOf: (row: Row) => Form
  /** sends the form: an add when `editing` is null; resolves with the success toast */
  submit: (form: Form, editing: Row | null) => Promise<string>
  /** reloads the list (after a save, and after a 409 / 404) */
  reload: () => unknown
}

/** the message of a failed request */
export const failureText = (error: unknown) => (error instanceof ApiError ? error.message : '网络异常，请稍后重试')

/**
 * The add / edit popup of a maintained list on the H5: its form, the record being edited, `save()` —
 * a 422's field messages go to `errors` (each van-field's error-message), a 409 (changed by someone
 * else since it was read: the version rule) or a 404 shows the server's message, closes the popup and
 * reloads the list; anything else is a failure toast.
 */
export function useEditPopup<Row, Form extends object>(options: EditPopupOptions<Row, Form>) {
  const open = ref(false)
  const editing = ref(null) as Ref<Row | null>
  const form = reactive(options.empty()) as UnwrapRef<Form> & Form
  const errors = ref<Record<string, string>>({})
  const saving = ref(false)

  function show(row: Row | null) {
    editing.value = row
    Object.assign(form, row === null ? options.empty() : options.formOf(row))
    errors.value = {}
    open.value = true
  }

  async function save() {
    errors.value = {}
    saving.value = true
    try {
      showSuccessToast(await options.submit(form, editing.value))
      open.value = false
      await options.reload()
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 422 && Object.keys(caught.fields).length) {
        errors.value = { ...caught.fields }
        return
      }
      showFailToast(failureText(caught))
      if (caught instanceof ApiError && (caught.status === 409 || caught.status === 404)) {
        open.value = false
        await options.reload()
      }
    } finally {
      saving.value = false
    }
  }

  /** asks first, deletes, reloads; the toast says how it went */
  async function removeAfterConfirm(title: string, message: string, remove: () => Promise<unknown>) {
    open.value = false
    try {
      await showConfirmDialog({ title, message })
    } catch {
      return
    }
    try {
      await remove()
      showSuccessToast('已删除')
    } catch (caught) {
      showFailToast(failureText(caught))
    }
    await options.reload()
  }

  return { open, editing, form, errors, saving, openCreate: () => show(null), openEdit: (row: Row) => show(row), save, removeAfterConfirm }
}
