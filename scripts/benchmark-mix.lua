-- wrk request mix for scripts/benchmark.sh's warm-up and memory figure: every kind of request the benchmark measures,
-- in turn: charter views in both languages, with and without a decision, and the banner fragment, each as a browser
-- sends it (gzip accepted) and plain; consent posts; and requests the rendered-page cache cannot answer (an unused
-- query parameter, a banner for a page never asked for), so that the rendering code is compiled too.
local requests = {}
local counter = 0
local unique = 0
local stamp = ""

local function browser(headers, accept)
  headers["Accept-Encoding"] = "gzip, deflate, br"
  headers["Accept"] = accept or "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
  headers["Accept-Language"] = headers["Accept-Language"] or "fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7"
  return headers
end

-- Built in init(), once wrk knows the host: wrk.format adds the Host header from it.
init = function(args)
  stamp = os.time() .. "-"
  local decided = "cookies_preferences=v=1&rev=1&at=" .. os.time()
    .. "&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=statistics"
  local form = "decision=custom&category=statistics&return=/cookies"
  local post = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Sec-Fetch-Site"] = "same-origin",
  }
  requests = {
    wrk.format("GET", "/cookies", browser({})),
    wrk.format("GET", "/cookies", browser({ ["Accept-Language"] = "en-US,en;q=0.9" })),
    wrk.format("GET", "/cookies", browser({ ["Cookie"] = decided })),
    wrk.format("GET", "/cookies/banner?return=/datasets", browser({}, "*/*")),
    wrk.format("GET", "/cookies", {}),
    wrk.format("GET", "/cookies", { ["Accept-Language"] = "en" }),
    wrk.format("GET", "/cookies", { ["Cookie"] = decided }),
    wrk.format("GET", "/cookies/banner?return=/datasets", {}),
    wrk.format("POST", "/cookies/consent", browser(post), form),
    wrk.format("POST", "/cookies/consent", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Sec-Fetch-Site"] = "same-origin",
    }, form),
    "unique /cookies?utm_source=warm-",
    "unique /cookies/banner?return=/warm-",
  }
end

request = function()
  counter = counter + 1
  local r = requests[(counter % #requests) + 1]
  if r:sub(1, 7) == "unique " then
    unique = unique + 1
    return wrk.format("GET", r:sub(8) .. stamp .. unique, browser({}))
  end
  return r
end
