// Every route of the router, for every role (issue 20): each page opens without a console error,
// without a failed request (the pages a role may not use are kept from it by the router), without
// an untranslated message key or a raw "undefined"/"NaN", with a placeholder on every empty
// selector, and never blank: a page with no figures, rows or chart says so (an empty state).
// menus.test.mjs checks each role's menu, routes_phone.test.mjs every page on a phone and in English.
// Here the regional roles; routes_school.test.mjs the school's (each file under ctest's 600 s).
// Run: BANGFU_BIN=build/src/cli/bangfu node --test tests/browser/routes.test.mjs
import { walkSuite } from './routes.mjs'

walkSuite(['admin', 'tongcheng', 'inspector'])
