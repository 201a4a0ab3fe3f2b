# No Procfile: the ruby buildpack's default web process runs this with the bundle's rackup (rack 2.2, webrick).
require "rack"

run lambda { |env|
  path = env["PATH_INFO"]
  if path == "/"
    [200, { "content-type" => "text/plain" }, ["Hello from Ruby #{RUBY_VERSION} on rack #{Rack.release}\n"]]
  else
    [404, { "content-type" => "text/plain" }, ["Not found: #{path}\n"]]
  end
}
