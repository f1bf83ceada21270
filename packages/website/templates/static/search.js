// gongkai website: the search page, over the chunked index in search/ (see the website package's
// search-index.ts for the layout). site.js loads this module on the search page only, and tells a
// page opened from a file, or a browser without modules, that search is unavailable.
// Everything is built with textContent: no HTML from data ever reaches innerHTML.

// Results are checked and shown this many at a time.
const PAGE = 20
// Marks a gram of the title alone (search-index.ts).
const TITLE = '\u0001'

const normalize = (s) => s.normalize('NFKC').toLowerCase()

/** The same FNV-1a as the index builder (gramShard). */
function shardOf(gram, shards) {
  let h = 0x811c9dc5
  for (let i = 0; i < gram.length; i++) {
    h ^= gram.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h & (shards - 1)
}

/** A term's grams: itself when one character, else its adjacent pairs (as the index has them). */
function gramsOf(term) {
  if (term.length === 1) return [term]
  const out = new Set()
  for (let i = 0; i + 1 < term.length; i++) out.add(term.slice(i, i + 2))
  return [...out]
}

/** The sorted document numbers of one posting (a delta list or a bitmap). */
function decode(kind, bytes, docs) {
  const out = []
  if (kind === 1) {
    for (let d = 0; d < docs; d++) if (bytes[d >> 3] & (1 << (d & 7))) out.push(d)
    return out
  }
  let last = -1
  for (let i = 0; i < bytes.length;) {
    let n = 0
    let shift = 0
    let b
    do {
      b = bytes[i++]
      n += (b & 0x7f) * 2 ** shift
      shift += 7
    } while (b & 0x80)
    last += n + 1
    out.push(last)
  }
  return out
}

/** The postings of the wanted grams found in one shard file. */
function readShard(buffer, wanted, docs) {
  const bytes = new Uint8Array(buffer)
  const found = new Map()
  for (let i = 0; i < bytes.length;) {
    const len = bytes[i++]
    let gram = ''
    for (let k = 0; k < len; k++, i += 2) gram += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8))
    const kind = bytes[i++]
    let size = 0
    let shift = 0
    let b
    do {
      b = bytes[i++]
      size += (b & 0x7f) * 2 ** shift
      shift += 7
    } while (b & 0x80)
    if (wanted.has(gram)) found.set(gram, decode(kind, bytes.subarray(i, i + size), docs))
    i += size
  }
  return found
}

function intersect(a, b) {
  const out = []
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      out.push(a[i])
      i++
      j++
    } else if (a[i] < b[j]) i++
    else j++
  }
  return out
}

function setup() {
  const list = document.getElementById('search-results')
  const status = document.getElementById('search-status')
  const form = document.querySelector('.search-form')
  const input = form?.querySelector('input[name="q"]')
  const more = document.getElementById('search-more')
  if (!list || !status || !input || !more || location.protocol === 'file:') return
  const root = document.documentElement.getAttribute('data-root') || ''
  const base = `${root}search/`
  let head
  const shards = new Map()
  const chunks = new Map()
  const get = (cache, path, as) => {
    if (!cache.has(path)) {
      const p = fetch(`${base}${path}?v=${head.v}`).then((r) => {
        if (!r.ok) throw new Error(String(r.status))
        return as === 'json' ? r.json() : r.arrayBuffer()
      })
      p.catch(() => cache.delete(path))
      cache.set(path, p)
    }
    return cache.get(path)
  }
  // The header names the build; asked for afresh, so a new release is never mixed with a cached one.
  const loadHead = async () => {
    if (head === undefined) {
      const r = await fetch(`${base}head.json`, { cache: 'no-cache' })
      if (!r.ok) throw new Error(String(r.status))
      const h = await r.json()
      if (h.version !== 1) throw new Error('version')
      head = h
    }
    return head
  }
  let current = 0

  const show = (record) => {
    const li = document.createElement('li')
    const a = document.createElement('a')
    a.href = root + record[0]
    a.textContent = record[1]
    const meta = document.createElement('span')
    meta.className = 'snippet'
    meta.textContent = `${record[3]} · ${record[2]}`
    li.append(a, meta)
    list.append(li)
  }

  /**
   * Document numbers that hold every gram of every term (a superset of the hits), those whose title
   * holds more of the terms first, then newest first: the order the site's search always had.
   */
  async function candidates(terms) {
    const h = await loadHead()
    const perTerm = terms.map((t) => ({ all: gramsOf(t), title: gramsOf(t).map((g) => TITLE + g) }))
    const grams = [...new Set(perTerm.flatMap((t) => [...t.all, ...t.title]))]
    const byShard = new Map()
    for (const g of grams) {
      const n = shardOf(g, h.shards)
      if (!byShard.has(n)) byShard.set(n, new Set())
      byShard.get(n).add(g)
    }
    const found = new Map()
    await Promise.all(
      [...byShard].map(async ([n, wanted]) => {
        for (const [g, docs] of readShard(await get(shards, `g/${n}.bin`, 'bin'), wanted, h.docs)) found.set(g, docs)
      }),
    )
    const every = (list) => list.map((g) => found.get(g) ?? []).reduce(intersect)
    const out = perTerm.map((t) => every(t.all)).reduce(intersect)
    const score = new Map()
    for (const t of perTerm) for (const d of intersect(out, every(t.title))) score.set(d, (score.get(d) ?? 0) + 1)
    return out.sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || a - b)
  }

  async function run(query) {
    const ticket = ++current
    // Chinese has no word spaces: every term must occur as written in the title, item name, 文号,
    // 索引号, tags or summary; spaces separate terms (AND). The index narrows the documents to those
    // holding each term's character pairs; each is then checked against its own text.
    const terms = normalize(query).split(/\s+/).filter(Boolean)
    list.textContent = ''
    more.hidden = true
    if (terms.length === 0) {
      status.textContent = '请输入关键词。'
      return
    }
    status.textContent = '正在检索……'
    let docs
    try {
      docs = await candidates(terms)
    } catch {
      if (ticket === current) status.textContent = '检索索引载入失败，请稍后再试；也可以按标准目录查找。'
      return
    }
    if (ticket !== current) return
    let next = 0
    let shown = 0
    const matches = (r) => {
      const hay = normalize(`${r[1]} ${r[3]} ${r[4]}`)
      return terms.every((t) => hay.includes(t))
    }
    const report = () => {
      const done = next >= docs.length
      more.hidden = done
      status.textContent =
        shown === 0 && done ? `没有找到包含“${query}”的公开信息。` : done ? `找到 ${shown} 条包含“${query}”的公开信息。` : `找到约 ${docs.length} 条包含“${query}”的公开信息，已显示 ${shown} 条。`
    }
    const page = async () => {
      const goal = shown + PAGE
      // A term of three or more characters can have its pairs apart in a record: such candidates
      // are fetched and dropped. However many, one click fetches at most this many records.
      const stop = next + 10 * PAGE
      try {
        while (shown < goal && next < docs.length && next < stop) {
          const slice = docs.slice(next, next + (goal - shown))
          next += slice.length
          const records = await Promise.all(slice.map(async (d) => (await get(chunks, `d/${Math.floor(d / head.chunk)}.json`, 'json'))[d % head.chunk]))
          if (ticket !== current) return
          for (const r of records) {
            if (r !== undefined && matches(r)) {
              show(r)
              shown++
            }
          }
        }
      } catch {
        if (ticket === current) status.textContent = '检索索引载入失败，请稍后再试；也可以按标准目录查找。'
        return
      }
      report()
    }
    more.onclick = async () => {
      const first = list.children.length
      await page()
      // Keyboard users land on the first new result, not back at the top.
      list.children[first]?.querySelector('a')?.focus()
    }
    await page()
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault()
    const q = input.value.trim()
    history.replaceState(null, '', `?q=${encodeURIComponent(q)}`)
    void run(q)
  })
  const q = new URLSearchParams(location.search).get('q')
  if (q) {
    input.value = q
    void run(q)
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup)
else setup()
