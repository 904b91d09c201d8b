// The create/edit page of one record (an institution, a staff member): loading it, sending only
// the changed fields on save (PATCH), the server's field errors, and delete-or-archive.
import { computed, onMounted, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { ElMessage, ElMessageBox } from 'element-plus'
import { api } from '../api.js'
import { useFormErrors } from './useFormErrors.js'

// resource: 'institutions' | 'staff' (API path and list route); fields: what the form sends;
// blank(): an empty record; fill(form, data): extra copying after the generic one;
// zeroWhenEmpty: number fields sent as 0 when left empty; deleteConfirm: i18n key of the question.
export function useRecordForm(props, { resource, fields, blank, fill: fillExtra, zeroWhenEmpty = [], deleteConfirm }) {
  const { t } = useI18n()
  const router = useRouter()
  const base = `/api/v1/${resource}`
  const isNew = computed(() => !props.id)
  const form = reactive(blank())
  const original = ref({})
  const formRef = ref()
  const loading = ref(false)
  const loadError = ref('')
  const saving = ref(false)
  const errors = useFormErrors(fields)

  function fill(data) {
    original.value = data
    const b = blank()
    for (const k of Object.keys(b)) form[k] = data[k] === undefined || data[k] === null ? b[k] : data[k]
    if (fillExtra) fillExtra(form, data)
  }

  function payload() {
    const body = {}
    for (const k of fields) {
      let v = form[k]
      if (typeof v === 'string') v = v.trim()
      if (zeroWhenEmpty.includes(k) && v === null) v = 0
      if (isNew.value) {
        if (v === '' || v === null) continue
        body[k] = v
      } else {
        const before = original.value[k] ?? (typeof v === 'string' ? '' : null)
        if (v === '' && (original.value[k] === null || original.value[k] === undefined)) continue
        if (JSON.stringify(before) !== JSON.stringify(v)) body[k] = v === '' ? null : v
      }
    }
    return body
  }

  async function load() {
    if (isNew.value) return
    loading.value = true
    try {
      fill(await api.get(`${base}/${encodeURIComponent(props.id)}`))
    } catch (err) {
      loadError.value = err.message
    } finally {
      loading.value = false
    }
  }

  async function save() {
    await errors.clear()
    const ok = await formRef.value.validate().catch(() => false)
    if (!ok) {
      ElMessage.error(t('common.fixErrors'))
      return
    }
    saving.value = true
    try {
      if (isNew.value) {
        const created = await api.post(base, payload())
        ElMessage.success(t('common.created'))
        router.replace(`/${resource}/${created.id}`)
      } else {
        const body = payload()
        if (Object.keys(body).length) fill(await api.patch(`${base}/${encodeURIComponent(props.id)}`, body))
        ElMessage.success(t('common.saved'))
      }
    } catch (err) {
      errors.apply(err)
      if (err.fields && Object.keys(err.fields).length) ElMessage.error(t('common.fixErrors'))
    } finally {
      saving.value = false
    }
  }

  async function remove() {
    try {
      await ElMessageBox.confirm(t(deleteConfirm, { name: original.value.name }), t('common.confirmTitle'), {
        type: 'warning',
        confirmButtonText: t('common.delete'),
        cancelButtonText: t('common.cancel'),
        confirmButtonClass: 'el-button--danger',
      })
    } catch {
      return
    }
    try {
      const res = await api.del(`${base}/${encodeURIComponent(props.id)}`)
      ElMessage.success(res && res.archived ? t('common.archivedDone') : t('common.deleted'))
      router.push(`/${resource}`)
    } catch (err) {
      ElMessage.error(err.message)
    }
  }

  function goBack() {
    if (window.history.state && window.history.state.back) router.back()
    else router.push(`/${resource}`)
  }

  onMounted(load)

  return { isNew, form, original, formRef, loading, loadError, saving, errors, fe: errors.fieldErrors, save, remove, goBack }
}
