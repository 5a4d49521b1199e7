<?php
/**
 * Reads feeds with SimplePie (Debian libphp-simplepie) and prints one normalised JSON report per file.
 *
 * Usage: php simplepie-read.php AUTOLOADER FILE...
 * Output: {"FILE": {"items": [...], "errors": [...]}, ...} on stdout (see reader-report.ts).
 *
 * SimplePie returns text as HTML (a text construct's `&` comes back as `&amp;`): that is its API, so
 * every text field is decoded once with html_entity_decode before comparing.
 */

// SimplePie 1.3.1 predates PHP 8: its deprecation notices are noise, real warnings still go to stderr.
error_reporting(E_ALL & ~E_DEPRECATED & ~E_STRICT);
ini_set('display_errors', 'stderr');

require_once $argv[1];

/**
 * Debian's SimplePie 1.3.1 calls implode() with its arguments in the pre-PHP-8 order in
 * SimplePie_Parse_Date::__construct and dies with a TypeError on PHP 8. This subclass only redoes
 * that constructor with the arguments swapped. Its W3C-DTF parser also divides the empty
 * fraction-of-second match by a number (a TypeError on PHP 8), so a date without a fraction is
 * given `.0` first. Every date is still parsed by SimplePie's own code.
 */
class PhpEightParseDate extends SimplePie_Parse_Date
{
    public function __construct()
    {
        $this->day_pcre = '(' . implode('|', array_keys($this->day)) . ')';
        $this->month_pcre = '(' . implode('|', array_keys($this->month)) . ')';
        foreach (get_class_methods($this) as $method) {
            if (strtolower(substr($method, 0, 5)) === 'date_') $this->built_in[] = $method;
        }
    }

    public function date_w3cdtf($date)
    {
        return parent::date_w3cdtf(preg_replace('/(T\\d{2}:\\d{2}:\\d{2})(?=Z|[+-]\\d{2}:?\\d{2}$)/i', '$1.0', $date));
    }

    public static function get()
    {
        static $object;
        if (!$object) $object = new PhpEightParseDate();
        return $object;
    }
}

function text_of($value)
{
    return $value === null ? null : html_entity_decode($value, ENT_QUOTES | ENT_HTML5, 'UTF-8');
}

function epoch_of($raw)
{
    if ($raw === null) return null;
    $parsed = PhpEightParseDate::get()->parse($raw);
    return $parsed === false ? null : $parsed;
}

/** The first raw value of an item element in one of the namespaces, or null. */
function raw_tag($item, $pairs)
{
    foreach ($pairs as $pair) {
        $tags = $item->get_item_tags($pair[0], $pair[1]);
        if ($tags && isset($tags[0]['data'])) return $tags[0]['data'];
    }
    return null;
}

function read_item($item)
{
    $authors = array();
    foreach ((array) $item->get_authors() as $author) {
        if ($author && $author->get_name() !== null) $authors[] = text_of($author->get_name());
    }
    $categories = array();
    foreach ((array) $item->get_categories() as $category) {
        if ($category) $categories[] = text_of($category->get_term());
    }
    // get_enclosures() merges RSS enclosure, Atom rel="enclosure" and media:content into one list.
    $media = array();
    foreach ((array) $item->get_enclosures() as $enclosure) {
        if (!$enclosure || $enclosure->link === null) continue;
        // get_link() urldecodes (it is for display); the stored link is HTML-escaped, and SimplePie_IRI
        // on PHP 8 appends an empty query and fragment (`?#`). An item without media gets one
        // placeholder enclosure whose link is `//`. Undo exactly these, nothing else.
        $url = preg_replace('/\\??#$/', '', text_of($enclosure->link));
        if ($url === '' || $url === '//') continue;
        $length = $enclosure->get_length();
        $media[] = array(
            'url' => $url,
            'type' => $enclosure->get_type(),
            'length' => $length === null ? null : (int) $length,
            'medium' => $enclosure->get_medium(),
        );
    }
    // get_updated_date() in 1.3.1 parses the published date (Item.php reads data['date']['raw']), so
    // the updated element is read raw and parsed with SimplePie's own date parser instead.
    $updated = raw_tag($item, array(array(SIMPLEPIE_NAMESPACE_ATOM_10, 'updated'), array('http://purl.org/dc/terms/', 'modified')));
    return array(
        'id' => text_of($item->get_id()),
        'title' => text_of($item->get_title()),
        'link' => $item->get_permalink(),
        'published' => $item->get_date('U') === null ? null : (int) $item->get_date('U'),
        'updated' => epoch_of($updated),
        'authors' => $authors,
        'categories' => $categories,
        'enclosures' => array(),
        'media' => $media,
    );
}

function read_file($path)
{
    $feed = new SimplePie();
    $feed->enable_cache(false);
    $feed->registry->register('Parse_Date', 'PhpEightParseDate');
    $feed->enable_order_by_date(false);
    $feed->set_raw_data(file_get_contents($path));
    $feed->init();
    $errors = array();
    if ($feed->error()) $errors[] = (string) $feed->error();
    $items = array();
    foreach ((array) $feed->get_items() as $item) $items[] = read_item($item);
    return array('items' => $items, 'errors' => $errors);
}

$reports = array();
foreach (array_slice($argv, 2) as $path) {
    try {
        $reports[$path] = read_file($path);
    } catch (Throwable $error) {
        $reports[$path] = array('items' => array(), 'errors' => array('crash: ' . $error->getMessage()));
    }
}
echo json_encode($reports, JSON_UNESCAPED_SLASHES);
