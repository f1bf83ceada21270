// gongkai website: large-text switch, print button, catalog filter (the search page: search.js).
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

  // The search itself is static/search.js, an ES module loaded only on the search page. A page opened
  // from a file cannot fetch the index (browsers refuse modules and fetches there), and a browser
  // too old for modules cannot run it: both are told so here instead of waiting on an empty list.
  function setupSearch() {
    var status = document.getElementById('search-status')
    if (!status) return
    var script = document.createElement('script')
    if (window.location.protocol === 'file:') status.textContent = '从本机文件打开的网页无法检索，请通过网站地址访问；也可以按标准目录查找。'
    else if (!('noModule' in script)) status.textContent = '当前浏览器版本过低，无法使用站内检索；可以按标准目录查找，或换用新版浏览器。'
    else {
      script.type = 'module'
      script.src = root + 'static/search.js'
      document.head.appendChild(script)
    }
  }
})()
