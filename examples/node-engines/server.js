// No dependencies: the point is the Node.js it runs on, which engines.node in package.json chose.
const http = require("http");

http.createServer((req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain" });
  res.end(`Hello from Node.js ${process.version}\n`);
}).listen(process.env.PORT, () => console.log(`listening on ${process.env.PORT} with ${process.version}`));
