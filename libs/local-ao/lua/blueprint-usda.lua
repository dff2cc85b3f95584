--[[
  Blueprint-like USDA: TIM3's own test double of a token that behaves like the aos token blueprint
  (permaweb/aos blueprints/token.lua), the closest public model of the real USDA, whose source is not public.

  Written for TIM3 from a description of the blueprint's observable behaviour; no blueprint code is copied (the
  blueprint is BSL-licensed third-party code, kept out of this repository). What it models, because TIM3 must
  survive exactly these:
    * Debit-Notice and Transfer-Error go to the transfer's `Reply-To` when it has one (else to the sender), with
      `X-Reference` = the transfer's X-Reference (else its Reference): whoever sends a transfer chooses where those
      notices land and what their X- tags say.
    * Every X- tag of a transfer is forwarded onto both notices; notices repeat the Quantity string exactly as sent.
    * Quantities are parsed with bint: "007" is accepted (and moves 7), so TIM3 can receive non-canonical strings.
    * An insufficient balance answers Transfer-Error (Message-Id, Error); malformed input fails an assert (no reply).
    * Balance (Recipient, else Target, else the sender) is answered to Reply-To/sender WITHOUT an Action tag:
      tags Balance, Ticker, Account, and Data = the balance.
    * State exposure as the blueprint publishes it on AO mainnet (HyperBEAM patch@1.0 at the top of the process
      state, not under `cache`): once at load, `balances = { device = "trie@1.0" }` (the token_lib blueprint's
      initial sync: balances become a HyperBEAM trie) and `token-info`; after each Transfer and Mint, the balances of
      the accounts it changed (`balances = { [address] = "<balance>" }`) and `token-info` again (permaweb/aos
      blueprints/token.lua). A holder's balance is then read at /<pid>~process@1.0/now/balances/<address>.
  `LegacyErrors = true` (set by the spawner with an Eval) models the older blueprint, whose Transfer-Error was a plain
  ao.send to the sender: no Reply-To, no X- tags, so no X-Reference to match it by.
  Test-only extras (not blueprint behaviour): the spawner may Mint to any Recipient (to fund holders) and Seize an
  Account's balance (to model USDA that leaves an account outside TIM3's control, so a transfer can genuinely fail).
  State lives in the globals Balances and TotalSupply, as in the blueprint.
  Load it with blueprintUsdaLua() (libs/testing), which defines BlueprintKeys (the two top-level keys, from
  libs/protocol) before this chunk.
]]
local bint = require('.bint')(256)

Name = 'Blueprint-like USDA'
Ticker = 'USDA'
Denomination = 12
Balances = Balances or {}
TotalSupply = TotalSupply or '0'
InitialSync = InitialSync or 'INCOMPLETE'

local function tokenInfo()
  return { name = Name, ticker = Ticker, logo = '', denomination = tostring(Denomination), supply = TotalSupply }
end

-- Publishes the balances of `accounts` (and token-info) as the blueprint does after a Transfer or Mint.
local function patchBalances(accounts)
  local balances = {}
  for _, account in ipairs(accounts) do balances[account] = Balances[account] or '0' end
  ao.send({ device = 'patch@1.0', [BlueprintKeys.balances] = balances, [BlueprintKeys.tokenInfo] = tokenInfo() })
end

local function isAction(name)
  return function(msg) return msg.Action == name end
end

local function amount(value)
  assert(type(value) == 'string', 'Quantity is required!')
  local q = bint(value)
  assert(bint.__lt(0, q), 'Quantity must be greater than 0')
  return q
end

local function balanceOf(account)
  return bint(Balances[account] or '0')
end

-- Where the blueprint's msg.reply sends: Reply-To when given, else the sender; with the request's reference.
local function answer(msg, reply)
  reply.Target = msg['Reply-To'] or msg.From
  reply['X-Reference'] = msg['X-Reference'] or msg.Reference or ''
  ao.send(reply)
end

Handlers.add('Info', isAction('Info'), function(msg)
  ao.send({ Target = msg.From, Name = Name, Ticker = Ticker, Denomination = tostring(Denomination), Logo = '' })
end)

Handlers.add('Balance', isAction('Balance'), function(msg)
  local account = msg.Tags.Recipient or msg.Tags.Target or msg.From
  local bal = Balances[account] or '0'
  answer(msg, { Balance = bal, Ticker = Ticker, Account = account, Data = bal })
end)

Handlers.add('Balances', isAction('Balances'), function(msg)
  ao.send({ Target = msg.From, Data = require('json').encode(Balances) })
end)

Handlers.add('Total-Supply', isAction('Total-Supply'), function(msg)
  ao.send({ Target = msg.From, Action = 'Total-Supply', Data = TotalSupply, Ticker = Ticker })
end)

Handlers.add('Transfer', isAction('Transfer'), function(msg)
  assert(type(msg.Recipient) == 'string', 'Recipient is required!')
  local q = amount(msg.Quantity)
  local from = balanceOf(msg.From)
  if bint.__lt(from, q) then
    if LegacyErrors then
      ao.send({ Target = msg.From, Action = 'Transfer-Error', ['Message-Id'] = msg.Id, Error = 'Insufficient Balance!' })
      return
    end
    answer(msg, { Action = 'Transfer-Error', ['Message-Id'] = msg.Id, Error = 'Insufficient Balance!' })
    return
  end
  Balances[msg.From] = tostring(from - q)
  Balances[msg.Recipient] = tostring(balanceOf(msg.Recipient) + q)
  if msg.Cast then
    patchBalances({ msg.Recipient, msg.From })
    return
  end
  local debit = { Action = 'Debit-Notice', Recipient = msg.Recipient, Quantity = msg.Quantity,
    Data = 'You transferred ' .. msg.Quantity .. ' to ' .. msg.Recipient }
  local credit = { Target = msg.Recipient, Action = 'Credit-Notice', Sender = msg.From, Quantity = msg.Quantity,
    Data = 'You received ' .. msg.Quantity .. ' from ' .. msg.From }
  for name, value in pairs(msg.Tags) do
    if string.sub(name, 1, 2) == 'X-' then
      debit[name] = value
      credit[name] = value
    end
  end
  answer(msg, debit)
  ao.send(credit)
  patchBalances({ msg.Recipient, msg.From })
end)

-- Test-only: the spawner funds holders.
Handlers.add('Mint', isAction('Mint'), function(msg)
  assert(msg.From == Owner, 'Only the owner may mint')
  local q = amount(msg.Quantity)
  Balances[msg.Recipient] = tostring(balanceOf(msg.Recipient) + q)
  TotalSupply = tostring(bint(TotalSupply) + q)
  patchBalances({ msg.Recipient })
end)

-- Test-only: the spawner takes Quantity from Account (as a frozen or seized balance would leave it).
Handlers.add('Seize', isAction('Seize'), function(msg)
  assert(msg.From == Owner, 'Only the owner may seize')
  local q = amount(msg.Quantity)
  local held = balanceOf(msg.Account)
  assert(bint.__le(q, held), 'Account holds less than Quantity')
  Balances[msg.Account] = tostring(held - q)
  Balances[Owner] = tostring(balanceOf(Owner) + q)
  patchBalances({ msg.Account, Owner })
end)

-- The blueprint's initial sync: balances become a HyperBEAM trie, token-info is published; once per process.
if InitialSync == 'INCOMPLETE' then
  ao.send({ device = 'patch@1.0', [BlueprintKeys.balances] = { device = 'trie@1.0' }, [BlueprintKeys.tokenInfo] = tokenInfo() })
  InitialSync = 'COMPLETE'
end
