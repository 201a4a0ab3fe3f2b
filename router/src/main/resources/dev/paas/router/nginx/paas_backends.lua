-- Written by paas-router into its nginx directory at every start. Do not edit.
--
-- The apps' backends live in the shared dict "paas_backends", not in nginx's configuration, so scaling and
-- rollouts change them without a reload (a reload makes the old workers close their clients' kept-alive
-- connections). A shared dict is one memory zone for all workers and it survives a HUP reload.
--
-- Keys: "app:<app>" = "<ip>:<port> <ip>:<port> ..." (only apps with at least one backend), "version" = the route
-- table version last stored. Only replace() writes that dict, and with safe_set, so nothing there is ever evicted.
-- The balancer's own state lives in the shared dict "paas_balancer": "rr:<app>" = round-robin counter,
-- "down:<peer>" = a peer resting after a failure. Those are written on the request path and may be evicted when that
-- zone fills (LRU), which only restarts a counter or ends a rest early; in one zone with the backends, such writes
-- could evict an app's backends and make it answer 503.

local balancer = require "ngx.balancer"

local dict = ngx.shared.paas_backends
local state = ngx.shared.paas_balancer
local REST_SECONDS = 5

local M = {}

local function peers(app)
    local list = dict:get("app:" .. app)
    if not list then
        return nil
    end
    local out = {}
    for peer in list:gmatch("%S+") do
        out[#out + 1] = peer
    end
    return out
end

-- access_by_lua in each app's location: an app without backends answers 503 itself, before proxying.
function M.require_backends()
    local app = ngx.var.paas_app
    if dict:get("app:" .. app) then
        return
    end
    ngx.status = ngx.HTTP_SERVICE_UNAVAILABLE
    ngx.print("App " .. app .. " has no running web processes\n")
    return ngx.exit(ngx.HTTP_OK)
end

-- balancer_by_lua: called once per try. Round robin over the app's backends, skipping those resting after a
-- failure (nginx's max_fails=1 fail_timeout=5s, which only works for static servers); each retry, as
-- proxy_next_upstream allows, goes to a backend this request has not tried yet. Every try reads the app's backends
-- afresh: a request that began just before a rollout switched backends, and whose old backend stopped under it,
-- retries on the new ones rather than on the other old ones, which are stopping too.
function M.balance()
    local ctx = ngx.ctx
    local list = peers(ngx.var.paas_app)
    if not list then
        -- The backends went away between the access phase and now.
        return ngx.exit(ngx.HTTP_SERVICE_UNAVAILABLE)
    end
    if not ctx.paas_tried then
        ctx.paas_tried = {}
        ctx.paas_start = state:incr("rr:" .. ngx.var.paas_app, 1, 0) or 0
        ctx.paas_tries = 0
        ctx.paas_granted = 1
    elseif ctx.paas_peer and balancer.get_last_failure() then
        state:set("down:" .. ctx.paas_peer, true, REST_SECONDS)
    end
    ctx.paas_tries = ctx.paas_tries + 1
    local n = #list
    local chosen, fallback
    for i = 1, n do
        local peer = list[(ctx.paas_start + i) % n + 1]
        if not ctx.paas_tried[peer] then
            fallback = fallback or peer
            if not state:get("down:" .. peer) then
                chosen = peer
                break
            end
        end
    end
    -- Every backend tried already: nginx grants one more try when a kept-alive upstream connection it reused was
    -- closed under it, so go round again.
    chosen = chosen or fallback or list[(ctx.paas_start + ctx.paas_tries) % n + 1]
    ctx.paas_tried[chosen] = true
    ctx.paas_peer = chosen
    -- Allow as many more tries as there are backends left untried (the list may have grown since the first try).
    local untried = 0
    for _, peer in ipairs(list) do
        if not ctx.paas_tried[peer] then
            untried = untried + 1
        end
    end
    local left = ctx.paas_granted - ctx.paas_tries
    if untried > left then
        balancer.set_more_tries(untried - left)
        ctx.paas_granted = ctx.paas_granted + untried - left
    end
    local host, port = chosen:match("^(.+):(%d+)$")
    local ok, err = balancer.set_current_peer(host, tonumber(port))
    if not ok then
        ngx.log(ngx.ERR, "paas: cannot use backend ", chosen, ": ", err)
        return ngx.exit(ngx.HTTP_BAD_GATEWAY)
    end
end

-- The platform's app-name rule (Names.isAppName): 1 to 63 of a-z, 0-9 and '-', not starting or ending with '-'.
local function valid_app(app)
    return #app <= 63 and (app:find("^[a-z0-9]$") or app:find("^[a-z0-9][a-z0-9%-]*[a-z0-9]$")) ~= nil
end

local function valid_port(port)
    local n = tonumber(port)
    return #port <= 5 and n ~= nil and n >= 1 and n <= 65535
end

-- "a.b.c.d:port" or "[ipv6]:port", as Names.backend renders them.
local function valid_peer(peer)
    local a, b, c, d, port = peer:match("^(%d%d?%d?)%.(%d%d?%d?)%.(%d%d?%d?)%.(%d%d?%d?):(%d+)$")
    if a then
        for _, octet in ipairs({ a, b, c, d }) do
            if tonumber(octet) > 255 then
                return false
            end
        end
        return valid_port(port)
    end
    local ip6, port6 = peer:match("^%[([%x:.]+)%]:(%d+)$")
    return ip6 ~= nil and ip6:find(":", 1, true) ~= nil and valid_port(port6)
end

local function reject(message)
    ngx.status = ngx.HTTP_BAD_REQUEST
    ngx.say(message)
end

-- content_by_lua on the control socket: the router posts the whole backend table, one line each:
--   version <n>
--   app <app> [<ip>:<port> ...]
-- The socket does not trust its input: a table with any malformed line is rejected as a whole (400) before anything
-- is stored. Each app's list is replaced by one dict write, so a request sees an app's old list or its new one, never
-- a mix; apps missing from the table are removed afterwards. The answer is the version now stored.
function M.replace()
    ngx.req.read_body()
    local body = ngx.req.get_body_data()
    if not body then
        return reject("empty or too large body")
    end
    local version
    local apps = {}
    local number = 0
    for line in body:gmatch("[^\n]+") do
        number = number + 1
        local words = {}
        for word in line:gmatch("%S+") do
            words[#words + 1] = word
        end
        if words[1] == "version" and #words == 2 and words[2]:find("^%d+$") and #words[2] <= 19 then
            version = words[2]
        elseif words[1] == "app" and words[2] and valid_app(words[2]) then
            for i = 3, #words do
                if not valid_peer(words[i]) then
                    return reject("line " .. number .. ": backend '" .. words[i] .. "' is not IPv4:port or [IPv6]:port")
                end
            end
            apps[words[2]] = table.concat(words, " ", 3)
        elseif #words > 0 then
            return reject("line " .. number .. ": expected 'version <n>' or 'app <app> [<ip>:<port> ...]' with a "
                    .. "valid app name, got '" .. line:sub(1, 100) .. "'")
        end
    end
    if not version then
        return reject("no version line")
    end
    for app, list in pairs(apps) do
        local ok, err = true, nil
        if list == "" then
            dict:delete("app:" .. app)
        else
            -- safe_set: fail rather than evict another app's backends when the zone is full.
            ok, err = dict:safe_set("app:" .. app, list)
        end
        if not ok then
            ngx.status = ngx.HTTP_INTERNAL_SERVER_ERROR
            ngx.say("cannot store app ", app, ": ", err)
            return
        end
    end
    for _, key in ipairs(dict:get_keys(0)) do
        local app = key:match("^app:(.+)$")
        if app and apps[app] == nil then
            dict:delete(key)
        end
    end
    for _, key in ipairs(state:get_keys(0)) do
        local app = key:match("^rr:(.+)$")
        if app and apps[app] == nil then
            state:delete(key)
        end
    end
    local ok, err = dict:safe_set("version", version)
    if not ok then
        ngx.status = ngx.HTTP_INTERNAL_SERVER_ERROR
        ngx.say("cannot store the version: ", err)
        return
    end
    ngx.say(dict:get("version"))
end

-- set_by_lua on the default server, for the X-Paas-Backends-Version header.
function M.version()
    return dict:get("version") or ""
end

return M
