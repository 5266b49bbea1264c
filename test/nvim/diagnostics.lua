-- Neovim as a second LSP client: runs the README's Neovim lines (the ```lua block of "Other editors",
-- with the real path of the built server), opens a template, waits for its diagnostics (no sleeping) and
-- writes one line per diagnostic, "CODE LINE COLUMN" (1-based), to $VPCE_OUT. Exits non-zero with a
-- reason on stderr when something does not happen.

local server, file, out, readme = os.getenv('VPCE_SERVER'), os.getenv('VPCE_FILE'), os.getenv('VPCE_OUT'), os.getenv('VPCE_README')

local function fail(message)
  io.stderr:write('FAIL ' .. message .. '\n')
  vim.cmd('cquit 1')
end

if not (server and file and out and readme) then fail('set VPCE_SERVER, VPCE_FILE, VPCE_OUT and VPCE_README') end

local text = table.concat(vim.fn.readfile(readme), '\n')
local section = text:find('### Other editors', 1, true)
if not section then fail('README.md has no "### Other editors" section') end
local block = text:match('```lua\n(.-)\n```', section)
if not block then fail('README.md has no lua block under "Other editors"') end
local code, n = block:gsub('/path/to/dist/server%.js', server)
if n ~= 1 then fail('the README block names /path/to/dist/server.js ' .. n .. ' times') end

-- What a user's init.lua has and `-u NONE` leaves out: filetype detection.
vim.cmd('filetype on')
local chunk, err = loadstring(code, 'README.md')
if not chunk then fail('the README block does not compile: ' .. err) end
chunk()

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
-- buf_get_clients lists a client once it has initialized.
if not vim.wait(10000, function() return next(vim.lsp.buf_get_clients(bufnr)) ~= nil end, 20) then fail('the README lines attached no client to the ' .. vim.bo.filetype .. ' buffer') end

local arrived = vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
if not arrived then fail('no diagnostics within 15 s') end

local lines = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
  table.insert(lines, string.format('%s %d %d', code, d.lnum + 1, d.col + 1))
end
vim.fn.writefile(lines, out)

vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.cmd('qall!')
