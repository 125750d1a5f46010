-- wrk request mix for scripts/load-test.sh: charter views in both languages, with and without a decision, the banner
-- fragment, and consent posts (a browser's same-origin form), so that reads and writes run together.
local requests = {}
local counter = 0

-- Built in init(), once wrk knows the host: wrk.format adds the Host header from it.
init = function(args)
  local decided = "cookies_preferences=v=1&rev=1&at=" .. os.time()
    .. "&id=Qk3v0X9bT6mZ1cR2aY8uEw&accepted=&refused=statistics"
  requests = {
    wrk.format("GET", "/cookies", { ["Host"] = wrk.host, ["Accept-Language"] = "fr" }),
    wrk.format("GET", "/cookies?lang=en", { ["Host"] = wrk.host }),
    wrk.format("GET", "/cookies", { ["Host"] = wrk.host, ["Cookie"] = decided }),
    wrk.format("GET", "/cookies/banner?return=/datasets", { ["Host"] = wrk.host }),
    wrk.format("POST", "/cookies/consent", {
      ["Host"] = wrk.host,
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Sec-Fetch-Site"] = "same-origin",
    }, "decision=custom&category=statistics&return=/cookies"),
  }
end

request = function()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end
