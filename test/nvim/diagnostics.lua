-- Neovim as a second LSP client: starts the built server with Neovim's own client (0.7's
-- vim.lsp.start_client), opens a template, waits for its diagnostics (no sleeping) and writes one
-- line per diagnostic, "CODE LINE COLUMN" (1-based), to $VPCE_OUT. Exits non-zero with a reason
-- on stderr when something does not happen.

local server, file, out = os.getenv('VPCE_SERVER'), os.getenv('VPCE_FILE'), os.getenv('VPCE_OUT')

local function fail(message)
  io.stderr:write('FAIL ' .. message .. '\n')
  vim.cmd('cquit 1')
end

if not (server and file and out) then fail('set VPCE_SERVER, VPCE_FILE and VPCE_OUT') end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'vpce-lens',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.getcwd(),
  settings = { vpceLens = { regions = { 'eu-west-1' } } },
  -- Neovim 0.7 does not announce workspace/configuration, so the server takes settings pushed with
  -- didChangeConfiguration, which Neovim leaves to on_init (as nvim-lspconfig does).
  on_init = function(client)
    client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
  end,
})
if not client_id then fail('vim.lsp.start_client returned nil') end
if not vim.lsp.buf_attach_client(bufnr, client_id) then fail('could not attach the client to the buffer') end

local arrived = vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
if not arrived then fail('no diagnostics within 15 s') end

local lines = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
  table.insert(lines, string.format('%s %d %d', code, d.lnum + 1, d.col + 1))
end
vim.fn.writefile(lines, out)

vim.lsp.stop_client(client_id)
vim.cmd('qall!')
