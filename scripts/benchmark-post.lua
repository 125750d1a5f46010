-- wrk script for scripts/benchmark.sh: the consent form's POST (a same-origin form, as a browser sends it); the other
-- headers are wrk's -H ones.
wrk.method = "POST"
wrk.body = "decision=custom&category=statistics&return=/cookies"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Sec-Fetch-Site"] = "same-origin"
