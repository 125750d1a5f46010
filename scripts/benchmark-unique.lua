-- wrk script for scripts/benchmark.sh: every request asks for a path no earlier request asked for, so that the
-- application cannot answer it from its rendered-page cache: BENCH_PATH_PREFIX followed by the thread's number, the
-- time the run began and a counter ("/cookies?utm_source=" gives /cookies?utm_source=1-1764430000-1, -2, ...), so that
-- no two threads and no two runs ask for the same paths. The headers are wrk's -H ones.
local prefix = os.getenv("BENCH_PATH_PREFIX") or "/cookies?utm_source="
local threads = 0
local id = 0
local counter = 0
local stamp = ""

-- Numbers the threads, so that two threads never send the same path.
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end

init = function(args)
  id = wrk.thread:get("id") or 0
  stamp = "-" .. os.time() .. "-"
end

request = function()
  counter = counter + 1
  return wrk.format(nil, prefix .. id .. stamp .. counter)
end
