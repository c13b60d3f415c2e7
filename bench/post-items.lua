-- wrk script: POST /items with a small JSON body.
-- Keys rotate over bench:0..bench:999 so the Redis data set stays bounded.
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

request = function()
  n = (n + 1) % 1000
  local body = string.format('{"key":"bench:%d","value":"Folan"}', n)
  return wrk.format("POST", "/items", nil, body)
end
