// gongkai website: the search page, over the Pagefind bundle in pagefind/. An ES module because
// Pagefind's runtime is one; site.js tells a browser without modules that search is unavailable.
// Everything is built with textContent: no HTML from data ever reaches innerHTML.

// Results are checked and shown this many at a time: each needs its fragment fetched.
const PAGE = 20

const normalize = (s) => s.normalize('NFKC').toLowerCase()

let engine
/** Pagefind's runtime, loaded once: it fetches the index chunks of the query's words, never the whole collection. */
function load() {
  engine ??= import('../pagefind/pagefind.js').then(async (pf) => {
    await pf.init()
    return pf
  })
  engine.catch(() => (engine = undefined))
  return engine
}

function setup() {
  const list = document.getElementById('search-results')
  const status = document.getElementById('search-status')
  const form = document.querySelector('.search-form')
  const input = form?.querySelector('input[name="q"]')
  const more = document.getElementById('search-more')
  if (!list || !status || !input || !more) return
  const root = document.documentElement.getAttribute('data-root') || ''
  let current = 0

  const show = (hit) => {
    const li = document.createElement('li')
    const a = document.createElement('a')
    // Pagefind gives the record's URL from the site root (`/p/…`); the site may live under a path.
    a.href = root + hit.url.replace(/^\//, '')
    a.textContent = hit.meta.title
    const meta = document.createElement('span')
    meta.className = 'snippet'
    meta.textContent = `${hit.meta.item} · ${hit.meta.date}`
    li.append(a, meta)
    list.append(li)
  }

  async function run(query) {
    const ticket = ++current
    // Chinese has no word spaces: every term must occur as written in the title, item name, 文号,
    // 索引号, tags or summary; spaces separate terms (AND). Pagefind finds candidates by the words
    // it segments the query into (each a prefix, all required), a superset: 环境质量 also finds
    // 环境空气质量, so each candidate is checked against its own text. A quoted phrase would miss
    // 青川县 in 青川县城北 (segmented 青川/县城), and Pagefind answers nothing to two of them.
    const terms = normalize(query).split(/\s+/).filter(Boolean)
    list.textContent = ''
    more.hidden = true
    if (terms.length === 0) {
      status.textContent = '请输入关键词。'
      return
    }
    status.textContent = '正在检索……'
    let results
    try {
      const pf = await load()
      results = (await pf.search(terms.join(' ')))?.results ?? []
    } catch {
      if (ticket !== current) return
      status.textContent = location.protocol === 'file:' ? '从本机文件打开的网页无法检索，请通过网站地址访问；也可以按标准目录查找。' : '检索索引载入失败，请稍后再试；也可以按标准目录查找。'
      return
    }
    if (ticket !== current) return
    let next = 0
    let shown = 0
    const matches = (hit) => {
      // Pagefind keeps its word breaks in the text as zero-width spaces: 青\u200b川\u200b县.
      const hay = normalize(`${hit.meta.title} ${hit.meta.item} ${hit.content.replace(/\u200b/g, '')}`)
      return terms.every((t) => hay.includes(t))
    }
    const report = () => {
      const done = next >= results.length
      more.hidden = done
      status.textContent =
        shown === 0 && done ? `没有找到包含“${query}”的公开信息。` : done ? `找到 ${shown} 条包含“${query}”的公开信息。` : `找到约 ${results.length} 条包含“${query}”的公开信息，已显示 ${shown} 条。`
    }
    const page = async () => {
      const goal = shown + PAGE
      while (shown < goal && next < results.length) {
        const slice = results.slice(next, next + PAGE)
        next += slice.length
        const hits = await Promise.all(slice.map((r) => r.data()))
        if (ticket !== current) return
        for (const hit of hits) {
          if (matches(hit)) {
            show(hit)
            shown++
          }
        }
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
