// Photos are made smaller in the browser before they are sent or kept offline: a phone's 12 MP
// picture (4–8 MB) becomes a JPEG of at most 1600 px on its longer side (~300 KB), which is
// plenty for a record of a visit and fits a village's mobile data.
export const MAX_SIDE = 1600
export const QUALITY = 0.82

function loadImage(file) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file)
    const img = new Image()
    img.onload = () => {
      URL.revokeObjectURL(url)
      resolve(img)
    }
    img.onerror = () => {
      URL.revokeObjectURL(url)
      reject(new Error('not an image'))
    }
    img.src = url
  })
}

// Returns a File (JPEG) no larger than MAX_SIDE on its longer side; a file that is not an image
// the browser can read, or is already small, is returned as it is.
export async function downscalePhoto(file, maxSide = MAX_SIDE) {
  if (!file || !String(file.type).startsWith('image/')) return file
  let img
  try {
    img = await loadImage(file)
  } catch {
    return file
  }
  const w = img.naturalWidth
  const h = img.naturalHeight
  const scale = Math.min(1, maxSide / Math.max(w, h))
  if (scale === 1 && file.size <= 400 * 1024) return file
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(w * scale))
  canvas.height = Math.max(1, Math.round(h * scale))
  canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height)
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY))
  if (!blob || blob.size >= file.size) return file
  const name = String(file.name || 'photo').replace(/\.[^.]*$/, '') + '.jpg'
  return new File([blob], name, { type: 'image/jpeg', lastModified: Date.now() })
}
