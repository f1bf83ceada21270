/* global document, window, EventSource */
// Progress of a push or a schedule run, live: the page already reads without this script (it
// reloads itself until the run is over); with it, each line arrives as the server reports it
// and the finished page is loaded once, to show the result table.
;(function () {
  var list = document.getElementById('run-lines')
  if (!list || typeof EventSource === 'undefined') return
  var refresh = document.querySelector('meta[http-equiv="refresh"]')
  if (refresh) refresh.parentNode.removeChild(refresh)
  var status = document.getElementById('run-status')
  if (status) status.textContent = '正在进行……进度实时显示在下面。'
  var shown = list.children.length
  var seen = 0
  var source = new EventSource(list.getAttribute('data-events'))
  source.addEventListener('line', function (e) {
    seen++
    if (seen <= shown) return
    var line = JSON.parse(e.data)
    var li = document.createElement('li')
    if (line.level === 'error') li.className = 'error'
    if (line.level === 'warn') li.className = 'warning'
    li.textContent = line.text
    list.appendChild(li)
  })
  source.addEventListener('end', function () {
    source.close()
    if (status) status.textContent = '已结束，正在显示结果……'
    window.location.reload()
  })
})()
