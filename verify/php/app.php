<?php
// The playground's five routes on PHP's own session module (files handler),
// run by `php -S` with Debian's CLI php.ini (php.ini-production) and
// session.use_strict_mode=1. A session is started at login, and on other
// pages only when the browser brings the session cookie. Logout is
// session_destroy(); LOGOUT_MODE picks the playground's other two logout
// modes (the manual's full logout, or only expiring the cookie). Accounts
// live in a JSON file so a password change outlives the request.
// Run by verify/record.mjs only.

$accountsFile = getenv('ACCOUNTS_FILE');
if (!file_exists($accountsFile)) {
    file_put_contents($accountsFile, json_encode([
        'alice' => ['wonderland', 'customer'], 'bob' => ['builder', 'admin'], 'mallory' => ['hunter2', 'customer'],
    ]));
}
$accounts = json_decode(file_get_contents($accountsFile), true);
$mode = getenv('LOGOUT_MODE') ?: 'serverOnly';
$route = $_SERVER['REQUEST_METHOD'] . ' ' . parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);

function reply(int $status, string $text): void {
    http_response_code($status);
    echo $text;
}

function resume(): bool {
    if (!isset($_COOKIE[session_name()])) {
        return false;
    }
    session_start();
    return isset($_SESSION['user']);
}

function expireCookie(): void {
    $p = session_get_cookie_params();
    setcookie(session_name(), '', time() - 42000, $p['path'], $p['domain'], $p['secure'], $p['httponly']);
}

/** Every other session file of $user: PHP keeps no index by user, so each file is read. */
function endOtherSessions(string $user): int {
    $ended = 0;
    foreach (glob(session_save_path() . '/sess_*') as $file) {
        if (basename($file) === 'sess_' . session_id()) continue;
        if (strpos((string)file_get_contents($file), 'user|' . serialize($user)) !== false) {
            unlink($file);
            $ended++;
        }
    }
    return $ended;
}

switch ($route) {
    case 'POST /login':
        $user = $_POST['username'] ?? null;
        $password = $_POST['password'] ?? null;
        if (!$user || !$password) { reply(400, 'The login form needs a username and a password.'); break; }
        if (($accounts[$user][0] ?? null) !== $password) { reply(401, 'Wrong username or password.'); break; }
        session_start();
        $_SESSION['user'] = $user;
        $_SESSION['role'] = $accounts[$user][1];
        reply(200, "Welcome, $user. You are logged in.");
        break;
    case 'GET /profile':
        if (!resume()) { reply(401, 'Please log in to see your profile.'); break; }
        reply(200, "Profile of {$_SESSION['user']} ({$_SESSION['role']}).");
        break;
    case 'POST /logout':
        if ($mode === 'clientOnly') { expireCookie(); reply(200, 'You are logged out.'); break; }
        if (resume() || session_status() === PHP_SESSION_ACTIVE) {
            if ($mode === 'deleteAndExpire') { $_SESSION = []; expireCookie(); }
            session_destroy();
        }
        reply(200, 'You are logged out.');
        break;
    case 'POST /logout-everywhere':
        if (!resume()) { reply(401, 'Please log in first.'); break; }
        $ended = endOtherSessions($_SESSION['user']);
        if ($mode === 'deleteAndExpire') { $_SESSION = []; expireCookie(); }
        session_destroy();
        reply(200, 'Logged out everywhere (' . ($ended + 1) . ' sessions).');
        break;
    case 'POST /password':
        if (!resume()) { reply(401, 'Please log in first.'); break; }
        if (!($_POST['password'] ?? null)) { reply(400, 'The form needs a new password.'); break; }
        $accounts[$_SESSION['user']][0] = $_POST['password'];
        file_put_contents($accountsFile, json_encode($accounts));
        $ended = endOtherSessions($_SESSION['user']);
        reply(200, "Password changed. $ended other sessions ended.");
        break;
    default:
        reply(404, 'No page at ' . $route);
}
