-- Written by paas-router into its nginx directory at every start. Do not edit.
--
-- Maintenance pages. The router writes every page into one file (maintenance.pages: a line "<app> <base64 HTML>" per
-- app with a page of its own), and load() reads it in init_by_lua, that is in the master at every start and
-- reload: the workers (nobody) may not read the router's directory, and the page text never enters nginx's
-- configuration, whose parser it could confuse. A changed page comes with a reload, since the rendered routes carry
-- its hash.

local M = {}
local pages = {}

function M.load(path)
    pages = {}
    local file = io.open(path, "r")
    if not file then
        return
    end
    for line in file:lines() do
        local app, encoded = line:match("^([a-z0-9-]+) ([A-Za-z0-9+/=]+)$")
        if app then
            pages[app] = ngx.decode_base64(encoded)
        end
    end
    file:close()
end

-- content_by_lua for an app in maintenance: 503 with its own page, or the platform's.
function M.serve(app)
    ngx.status = ngx.HTTP_SERVICE_UNAVAILABLE
    ngx.header["Content-Type"] = "text/html; charset=utf-8"
    ngx.header["Retry-After"] = "120"
    ngx.header["Cache-Control"] = "no-store"
    local page = pages[app]
    if not page then
        page = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Down for maintenance</title></head>\n"
            .. "<body><h1>Down for maintenance</h1><p>" .. app .. " is down for maintenance and will be back soon."
            .. "</p></body></html>\n"
    end
    ngx.header["Content-Length"] = #page
    ngx.print(page)
    return ngx.exit(ngx.HTTP_OK)
end

return M
