// Server-side field errors (422 error.fields) shown under the matching el-form-item (:error).
import { nextTick, reactive, ref } from 'vue'

export function useFormErrors(knownFields) {
  const fieldErrors = reactive({})
  const otherErrors = ref([]) // [{field, message}] for fields the form does not show
  const message = ref('')

  async function clear() {
    for (const k of Object.keys(fieldErrors)) fieldErrors[k] = ''
    otherErrors.value = []
    message.value = ''
    await nextTick()
  }

  function apply(err) {
    message.value = err.message || ''
    const others = []
    for (const [field, msg] of Object.entries(err.fields || {})) {
      if (knownFields.includes(field)) fieldErrors[field] = String(msg)
      else others.push({ field, message: String(msg) })
    }
    otherErrors.value = others
  }

  return { fieldErrors, otherErrors, message, clear, apply }
}
