#!/usr/bin/env node
// Client-matrix probe for Node's https module (no npm packages).
//
// Speaks the adapter protocol (docs/adapter-protocol.md): one target JSON object per stdin line,
// one result JSON object per stdout line, `--version` prints one line and exits.
//
// Verification is Node's default (rejectUnauthorized stays true) with `ca` set to the target's CA
// file only. The URL's host is pinned to the target's `address` by a `lookup` function; SNI and
// certificate verification still use `host`. Node's own `timeout` option fires late (it is an idle
// timer, and does not abort), so the probe keeps its own timer and destroys the request.
'use strict';

const fs = require('fs');
const https = require('https');
const net = require('net');
const readline = require('readline');

const MAX_PARALLEL = 8;

function log(msg) {
  process.stderr.write(`node_https: ${msg}\n`);
}

function emit(res) {
  process.stdout.write(JSON.stringify(res) + '\n');
}

function result(id, ok, error = null, status = null, protocol = null, cipher = null) {
  return { id, ok, error, status, protocol, cipher };
}

function errorText(err) {
  if (!(err instanceof Error)) return `UNKNOWN: ${String(err)}`;
  const code = err.code !== undefined ? err.code : err.name;
  // Verbatim, except the trailing newline OpenSSL-derived messages carry.
  return `${code}: ${err.message}`.trimEnd();
}

function fetch(t) {
  return new Promise((resolve) => {
    const id = t.id;
    const timeoutMs = Number(t.timeout_ms) || 4000;
    let status = null;
    let protocol = null;
    let cipher = null;
    let finished = false;
    let timer = null;
    const finish = (res) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve(res);
    };
    const fail = (err) => finish(result(id, false, errorText(err), status, protocol, cipher));

    let options;
    try {
      const url = new URL(t.url);
      const address = t.address || t.host;
      const family = net.isIP(address) || 4;
      options = {
        protocol: 'https:',
        hostname: t.host, // SNI (unless an IP literal) and certificate check use this name
        port: Number(t.port) || Number(url.port) || 443,
        path: url.pathname + url.search,
        method: 'GET',
        ca: fs.readFileSync(t.ca_file),
        agent: false, // a fresh connection per target
        lookup: (hostname, opts, cb) => {
          // Pin the host to the target's address. Node 20 may ask for all addresses
          // (autoSelectFamily); answer in the shape it asked for.
          if (opts && opts.all) cb(null, [{ address, family }]);
          else cb(null, address, family);
        },
      };
      if (t.crl_file) {
        // Revocation: tls.createSecureContext's `crl` option; Node then checks the chain. One
        // string per CRL: from a single buffer Node reads only the first PEM block.
        options.crl = fs.readFileSync(t.crl_file, 'utf8')
          .split(/(?=-----BEGIN X509 CRL-----)/)
          .filter((pem) => pem.includes('BEGIN X509 CRL'));
      }
      if (t.client_cert) {
        options.cert = fs.readFileSync(t.client_cert);
        options.key = fs.readFileSync(t.client_key || t.client_cert);
      }
    } catch (err) {
      finish(result(id, false, `ProbeError: ${err.message}`));
      return;
    }

    let req;
    try {
      req = https.request(options, (res) => {
        status = res.statusCode;
        const sock = res.socket;
        try {
          protocol = sock.getProtocol() || null;
          const c = sock.getCipher();
          cipher = (c && c.name) || null;
        } catch (_) { /* informational only */ }
        res.on('data', () => {});
        res.on('end', () => {
          // 'end' after 'aborted' would mean a truncated body; Node reports that as an error.
          if (res.complete) finish(result(id, true, null, status, protocol, cipher));
          else fail(Object.assign(new Error('response ended before the whole body arrived'), { code: 'INCOMPLETE_BODY' }));
        });
        res.on('error', fail);
        res.on('aborted', () => {
          // Node also emits 'error' (ECONNRESET: aborted) on the response; let that one win if it comes.
          setImmediate(() => fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
        });
      });
    } catch (err) {
      fail(err);
      return;
    }
    req.on('socket', (sock) => {
      sock.on('secureConnect', () => {
        try {
          protocol = sock.getProtocol() || null;
          const c = sock.getCipher();
          cipher = (c && c.name) || null;
        } catch (_) { /* informational only */ }
      });
    });
    req.on('error', fail);
    timer = setTimeout(() => {
      const err = new Error(`client timeout after ${timeoutMs}ms (probe timer; request destroyed)`);
      err.code = 'CLIENT_TIMEOUT';
      fail(err);
      req.destroy(err);
    }, timeoutMs);
    req.end();
  });
}

function main() {
  const queue = [];
  let running = 0;
  let inputClosed = false;

  const pump = () => {
    while (running < MAX_PARALLEL && queue.length > 0) {
      const t = queue.shift();
      running++;
      fetch(t)
        .catch((err) => result(t.id, false, `ProbeError: ${err && err.message}`))
        .then((res) => {
          emit(res);
          running--;
          pump();
        });
    }
    if (inputClosed && running === 0 && queue.length === 0) {
      // Exit once stdout is flushed; abandoned sockets must not keep the process alive.
      process.stdout.write('', () => process.exit(0));
    }
  };

  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    line = line.trim();
    if (!line) return;
    let t;
    try {
      t = JSON.parse(line);
      if (t === null || typeof t !== 'object' || t.id === undefined) throw new Error('no id');
    } catch (err) {
      log(`ignoring unparsable target line (${err.message}): ${line.slice(0, 200)}`);
      return;
    }
    queue.push(t);
    pump();
  });
  rl.on('close', () => {
    inputClosed = true;
    pump();
  });
}

if (process.argv[2] === '--version') {
  const ossl = (process.versions.openssl || '').replace(/\+quic$/, '');
  process.stdout.write(`node-https ${process.version} (OpenSSL ${ossl})\n`);
  process.exit(0);
} else {
  main();
}
