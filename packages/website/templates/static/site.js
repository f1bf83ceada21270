// gongkai website: large-text switch, print button, catalog filter and client-side search.
// Everything is built with textContent: no HTML from data ever reaches innerHTML.
;(function () {
  'use strict'
  var doc = document.documentElement
  var root = doc.getAttribute('data-root') || ''
  var KEY = 'gongkai-large-text'
  function stored() {
    try {
      return localStorage.getItem(KEY) === '1'
    } catch (e) {
      return false
    }
  }
  function store(on) {
    try {
      localStorage.setItem(KEY, on ? '1' : '0')
    } catch (e) {
      /* private mode */
    }
  }
  if (stored()) doc.classList.add('large-text')

  document.addEventListener('DOMContentLoaded', function () {
    var size = document.querySelector('[data-action="text-size"]')
    if (size) {
      size.hidden = false
      size.setAttribute('aria-pressed', doc.classList.contains('large-text') ? 'true' : 'false')
      size.addEventListener('click', function () {
        var on = !doc.classList.contains('large-text')
        doc.classList.toggle('large-text', on)
        size.setAttribute('aria-pressed', on ? 'true' : 'false')
        store(on)
      })
    }
    var print = document.querySelector('[data-action="print"]')
    if (print) {
      print.hidden = false
      print.addEventListener('click', function () {
        window.print()
      })
    }
    setupCatalog()
    setupSearch()
  })

  function params() {
    var out = {}
    var q = window.location.search.replace(/^\?/, '')
    if (q === '') return out
    q.split('&').forEach(function (pair) {
      var i = pair.indexOf('=')
      var k = i < 0 ? pair : pair.slice(0, i)
      var v = i < 0 ? '' : pair.slice(i + 1)
      try {
        out[decodeURIComponent(k)] = decodeURIComponent(v.replace(/\+/g, ' '))
      } catch (e) {
        /* bad escape */
      }
    })
    return out
  }

  function setupCatalog() {
    var form = document.getElementById('catalog-filter')
    var table = document.getElementById('catalog-table')
    if (!form || !table) return
    var category = form.elements.namedItem('category')
    var owner = form.elements.namedItem('owner')
    var count = document.getElementById('catalog-count')
    var rows = table.tBodies[0].rows
    var p = params()
    if (p.category) category.value = p.category
    if (p.owner) owner.value = p.owner
    function apply() {
      var shown = 0
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i]
        var ok = (!category.value || r.getAttribute('data-category') === category.value) && (!owner.value || r.getAttribute('data-owner') === owner.value)
        r.hidden = !ok
        if (ok) shown++
      }
      count.textContent = '共 ' + shown + ' 项' + (category.value || owner.value ? '（已筛选）' : '')
    }
    category.addEventListener('change', apply)
    owner.addEventListener('change', apply)
    form.addEventListener('submit', function (e) {
      e.preventDefault()
      apply()
    })
    apply()
  }

  function normalize(s) {
    return (s.normalize ? s.normalize('NFKC') : s).toLowerCase()
  }

  function setupSearch() {
    var list = document.getElementById('search-results')
    var status = document.getElementById('search-status')
    if (!list || !status) return
    var form = document.querySelector('.search-form')
    var input = form.querySelector('input[name="q"]')
    var index = null
    function load() {
      if (index) return Promise.resolve(index)
      status.textContent = '正在载入检索索引……'
      return fetch(root + 'search-index.json')
        .then(function (r) {
          if (!r.ok) throw new Error(String(r.status))
          return r.json()
        })
        .then(function (data) {
          index = data.docs.map(function (d) {
            return { d: d, hay: normalize(d[1] + ' ' + d[3] + ' ' + d[4]), title: normalize(d[1]) }
          })
          return index
        })
    }
    function run(query) {
      // Chinese has no word spaces: every term is matched as a substring; spaces separate terms (AND).
      var terms = normalize(query).split(/\s+/).filter(Boolean)
      list.textContent = ''
      if (terms.length === 0) {
        status.textContent = '请输入关键词。'
        return
      }
      load()
        .then(function (docs) {
          var hits = []
          for (var i = 0; i < docs.length; i++) {
            var doc = docs[i]
            var all = true
            var inTitle = 0
            for (var t = 0; t < terms.length; t++) {
              if (doc.hay.indexOf(terms[t]) < 0) {
                all = false
                break
              }
              if (doc.title.indexOf(terms[t]) >= 0) inTitle++
            }
            if (all) hits.push({ doc: doc.d, score: inTitle })
          }
          hits.sort(function (a, b) {
            return b.score - a.score || (a.doc[2] < b.doc[2] ? 1 : a.doc[2] > b.doc[2] ? -1 : 0)
          })
          var shown = hits.slice(0, 100)
          shown.forEach(function (h) {
            var li = document.createElement('li')
            var a = document.createElement('a')
            a.href = root + h.doc[0]
            a.textContent = h.doc[1]
            var meta = document.createElement('span')
            meta.className = 'snippet'
            meta.textContent = h.doc[3] + ' · ' + h.doc[2]
            li.appendChild(a)
            li.appendChild(meta)
            list.appendChild(li)
          })
          status.textContent =
            hits.length === 0
              ? '没有找到包含“' + query + '”的公开信息。'
              : '找到 ' + hits.length + ' 条包含“' + query + '”的公开信息' + (hits.length > shown.length ? '，显示前 ' + shown.length + ' 条。' : '。')
        })
        .catch(function () {
          status.textContent = '检索索引载入失败，请稍后再试。'
        })
    }
    form.addEventListener('submit', function (e) {
      e.preventDefault()
      var q = input.value.trim()
      if (window.history && history.replaceState) history.replaceState(null, '', '?q=' + encodeURIComponent(q))
      run(q)
    })
    var q = params().q
    if (q) {
      input.value = q
      run(q)
    }
  }
})()
