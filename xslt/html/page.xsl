<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: the page skeleton every generated page shares (head with citation
  metadata, site header with navigation and the "go to printed page" box, footer), and
  how a page is written (an HTML 5 result document under the base output URI that Python
  gives: a temporary folder swapped into place when the build succeeds).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <!-- How pages are serialized (written by Saxon itself: the serialize() function would be
       about twice as slow for the megabytes of a whole edition). The XHTML method writes
       HTML 5 syntax that HTML parsers read as written (void elements as <br/>, every other
       empty element with an end tag) and is about 5 % faster than the HTML method here. -->
  <xsl:output name="tk:html" method="xhtml" html-version="5.0" omit-xml-declaration="yes"
      include-content-type="no" indent="no" encoding="UTF-8"/>

  <!--* Write one HTML page: $file (a bare file name) gets the skeleton around the content
        of the $kind of page for $item (templates in mode tk:page-content, pages.xsl). -->
  <xsl:template name="tk:write-page">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="item" as="item()?" select="()"/>
    <!-- The page's citation item; () = the edition's (its tags are built once and reused). -->
    <xsl:param name="citation" as="map(*)?" select="()"/>
    <xsl:param name="prev" as="xs:string*" select="()"/>
    <xsl:param name="next" as="xs:string*" select="()"/>
    <xsl:param name="scripts" as="xs:string*" select="()"/>
    <xsl:if test="tk:my-file($file)">
    <xsl:result-document href="{$file}" format="tk:html">
      <xsl:call-template name="tk:page">
        <xsl:with-param name="title" select="$title"/>
        <xsl:with-param name="kind" select="$kind"/>
        <xsl:with-param name="item" select="$item"/>
        <xsl:with-param name="citation" select="$citation"/>
        <xsl:with-param name="prev" select="$prev"/>
        <xsl:with-param name="next" select="$next"/>
        <xsl:with-param name="scripts" select="$scripts"/>
      </xsl:call-template>
    </xsl:result-document>
    </xsl:if>
  </xsl:template>

  <!--* The page skeleton. $prev/$next: (href, label) pairs. -->
  <xsl:template name="tk:page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="item" as="item()?"/>
    <xsl:param name="citation" as="map(*)?"/>
    <xsl:param name="prev" as="xs:string*"/>
    <xsl:param name="next" as="xs:string*"/>
    <xsl:param name="scripts" as="xs:string*"/>
    <html lang="{tk:language()}">
      <xsl:if test="tk:direction(tk:language()) = 'rtl'"><xsl:attribute name="dir" select="'rtl'"/></xsl:if>
      <head>
        <meta charset="utf-8"/>
        <!-- what the page may load and run: only the site's own files (no inline script or
             style attribute; the JSON data blocks are not run), wherever it is read from:
             a web server, teikit serve (which sends the same as a header, with what a meta
             element cannot say) or a folder opened from disk -->
        <meta http-equiv="Content-Security-Policy" content="{$tk:content-security-policy}"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="string-join(distinct-values(($title, tk:title())), ' — ')"/></title>
        <link rel="stylesheet" href="assets/teikit.css"/>
        <!-- the site's own icon: else every browser asks the server for /favicon.ico, which
             is not there (a 404 in the console and the server's log on the first page) -->
        <link rel="icon" href="assets/icon.svg" type="image/svg+xml"/>
        <xsl:choose>
          <xsl:when test="exists($citation)">
            <xsl:sequence select="tk:citation-meta($citation), tk:json-ld($citation), tk:citation-script($citation)"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$tk:edition-head-text" disable-output-escaping="yes"/></xsl:otherwise>
        </xsl:choose>
        <script src="assets/prefs.js"></script>
        <script src="pages-data.js" defer="defer"></script>
        <script src="assets/teikit.js" defer="defer"></script>
        <script src="assets/notes.js" defer="defer"></script>
        <xsl:if test="exists($tk:entities)">
          <script src="entities-data.js" defer="defer"></script>
          <script src="assets/entities.js" defer="defer"></script>
        </xsl:if>
        <script src="assets/reader.js" defer="defer"></script>
        <script src="assets/cite.js" defer="defer"></script>
        <xsl:for-each select="$scripts"><script src="{.}" defer="defer"></script></xsl:for-each>
      </head>
      <body class="kind-{$kind}" data-go-to-note="{tk:s('go-to-note')}" data-close="{tk:s('close')}" data-no-page="{tk:s('no-page')}"
            data-no-results="{tk:s('no-results')}" data-results="{tk:s('results')}" data-showing="{tk:s('showing')}"
            data-other-name-of="{tk:s('other-name-of')}" data-previous="{tk:s('previous')}" data-next="{tk:s('next')}"
            data-hits="{tk:s('hits')}" data-clear-hits="{tk:s('clear-hits')}" data-mentioned="{tk:s('mentioned')}"
            data-times="{tk:s('times')}" data-open-page="{tk:s('open-page')}" data-cite="{tk:s('cite')}"
            data-cite-passage="{tk:s('cite-passage')}" data-copy="{tk:s('copy')}" data-copied="{tk:s('copied')}">
        <a class="skip-link" href="#main"><xsl:sequence select="$tk:interface-lang"/><xsl:value-of select="tk:s('skip')"/></a>
        <xsl:value-of select="$tk:site-header-text" disable-output-escaping="yes"/>
        <main id="main">
          <xsl:apply-templates select="$kind" mode="tk:page-content">
            <xsl:with-param name="item" select="$item"/>
          </xsl:apply-templates>
        </main>
        <xsl:if test="exists($prev) or exists($next)">
          <nav class="prevnext" aria-label="{tk:s('previous')} / {tk:s('next')}">
            <xsl:if test="exists($prev)">
              <a class="prev" rel="prev" href="{$prev[1]}"><span class="dir"><xsl:sequence select="$tk:interface-lang"/><xsl:value-of select="tk:s('previous')"/>: </span><xsl:value-of select="$prev[2]"/></a>
            </xsl:if>
            <xsl:if test="exists($next)">
              <a class="next" rel="next" href="{$next[1]}"><span class="dir"><xsl:sequence select="$tk:interface-lang"/><xsl:value-of select="tk:s('next')"/>: </span><xsl:value-of select="$next[2]"/></a>
            </xsl:if>
          </nav>
        </xsl:if>
        <footer class="site-footer">
          <xsl:choose>
            <xsl:when test="exists($citation)">
              <xsl:sequence select="$tk:footer-lines"/>
              <xsl:sequence select="tk:coins($citation)"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="$tk:edition-footer-text" disable-output-escaping="yes"/></xsl:otherwise>
          </xsl:choose>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- (tk:interface-language: units.xsl) -->
  <xsl:variable name="tk:interface-lang" as="attribute()?">
    <!-- (primary subtags compared; a page of no known language, lang="", says its English words are English) -->
    <xsl:if test="substring-before($tk:interface-language || '-', '-') != substring-before(tk:language() || '-', '-')">
      <xsl:attribute name="lang" select="$tk:interface-language"/>
    </xsl:if>
  </xsl:variable>

  <!--* The pages' Content-Security-Policy: scripts, styles, images and fonts from the site
        itself, data read by script from it (teikit serve's reload hook), forms sent to it;
        nothing else (no plugin, frame, <base>). teikit.serve.handler sends it as a header
        too (a test compares the two). -->
  <xsl:variable name="tk:content-security-policy" as="xs:string"
      select="&quot;default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; &quot;
              || &quot;connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'&quot;"/>

  <!-- What is the same on every page is built once, and the largest parts of it (the site's
       header, the edition's metadata and footer: about half the bytes of the memoir's 490
       pages) are serialized once, as the pages' own serializer writes them (tk:html's
       parameters), then written into each page as they are (disable-output-escaping): copying
       them into every page as nodes and serializing them again took about a tenth of the
       transform. This holds for pages Saxon serializes (xsl:result-document into a folder,
       as teikit runs it); a page kept as a tree would hold these parts as escaped text. -->
  <xsl:variable name="tk:html-form" as="map(*)" select="map{'method': 'xhtml', 'html-version': 5.0,
      'omit-xml-declaration': true(), 'include-content-type': false(), 'indent': false()}"/>
  <xsl:variable name="tk:site-header-text" as="xs:string" select="serialize($tk:site-header, $tk:html-form)"/>
  <xsl:variable name="tk:edition-head-text" as="xs:string"
      select="serialize(($tk:edition-meta, $tk:edition-script), $tk:html-form)"/>
  <xsl:variable name="tk:edition-footer-text" as="xs:string"
      select="serialize(($tk:footer-lines, $tk:edition-coins), $tk:html-form)"/>
  <xsl:variable name="tk:site-header" as="element()">
        <header class="site-header">
          <p class="site-title"><a href="index.html"><xsl:value-of select="tk:title()"/></a></p>
          <nav class="site-nav" aria-label="{tk:s('site-navigation')}">
            <xsl:sequence select="$tk:interface-lang"/>
            <ul>
              <li><a href="toc.html"><xsl:value-of select="tk:s('contents')"/></a></li>
              <xsl:for-each select="$tk:register-kinds[exists(tk:register(.))]">
                <li><a href="{.}.html"><xsl:value-of select="tk:s(.)"/></a></li>
              </xsl:for-each>
              <xsl:if test="exists($tk:letters)">
                <li><a href="letters.html"><xsl:value-of select="tk:s('letters')"/></a></li>
              </xsl:if>
              <li><a href="search.html"><xsl:value-of select="tk:s('search')"/></a></li>
              <xsl:if test="array:size($tk:downloads) gt 0">
                <li><a href="downloads.html"><xsl:value-of select="tk:s('downloads')"/></a></li>
              </xsl:if>
            </ul>
          </nav>
          <form class="goto-page" action="pages.html" method="get">
            <xsl:sequence select="$tk:interface-lang"/>
            <label for="goto-page-input"><xsl:value-of select="tk:s('go-page')"/></label>
            <input id="goto-page-input" name="page" type="text" size="5" inputmode="text" autocomplete="off"
                   placeholder="{tk:s('page')}"/>
            <!-- named for a screen reader, which would read the arrow as "right arrow" -->
            <button type="submit" aria-label="{tk:s('go-page')}">→</button>
            <output class="goto-status" aria-live="polite"></output>
          </form>
          <xsl:sequence select="$tk:settings-panel"/>
        </header>
  </xsl:variable>
  <!-- The reader's settings (assets/reader.js shows the button; without JavaScript they
       would do nothing, so they stay hidden). -->
  <xsl:variable name="tk:settings-panel" as="element()+">
    <button type="button" id="tk-cite-button" class="cite-button" hidden="hidden"><xsl:sequence
        select="$tk:interface-lang"/><xsl:value-of select="tk:s('cite')"/></button>
    <!-- the scans beside the text (a facsimile edition's: pb/@facs; reader.js shows the button
         on the pages that have one) -->
    <xsl:if test="exists($tk:doc//tei:pb[@facs])">
      <button type="button" id="tk-scans-button" class="scans-button" aria-pressed="false" hidden="hidden"><xsl:sequence
          select="$tk:interface-lang"/><xsl:value-of select="tk:s('scans')"/></button>
    </xsl:if>
    <button type="button" id="tk-settings-button" class="settings-button" aria-expanded="false"
            aria-controls="tk-settings" hidden="hidden"><xsl:sequence select="$tk:interface-lang"/><xsl:value-of select="tk:s('settings')"/></button>
    <div id="tk-settings" class="settings-panel" hidden="hidden">
      <xsl:sequence select="$tk:interface-lang"/>
      <fieldset>
        <legend><xsl:value-of select="tk:s('theme')"/></legend>
        <xsl:for-each select="'auto', 'light', 'dark'">
          <label><input type="radio" name="theme" value="{.}"/><xsl:text> </xsl:text><xsl:value-of select="tk:s('theme-' || .)"/></label>
        </xsl:for-each>
      </fieldset>
      <fieldset>
        <legend><xsl:value-of select="tk:s('text-size')"/></legend>
        <xsl:for-each select="'s', 'm', 'l', 'xl'">
          <xsl:variable name="i" select="position()"/>
          <label class="size-{.}"><input type="radio" name="size" value="{.}"/><xsl:text> </xsl:text><xsl:value-of
              select="('90 %', '100 %', '115 %', '130 %')[$i]"/></label>
        </xsl:for-each>
      </fieldset>
      <xsl:if test="exists($tk:entities)">
        <fieldset>
          <legend><xsl:value-of select="tk:s('entity-links')"/></legend>
          <xsl:for-each select="'all', 'first', 'none'">
            <label><input type="radio" name="links" value="{.}"/><xsl:text> </xsl:text><xsl:value-of select="tk:s('links-' || .)"/></label>
          </xsl:for-each>
        </fieldset>
      </xsl:if>
      <p class="keys"><xsl:value-of select="tk:s('keys')"/></p>
    </div>
  </xsl:variable>
  <xsl:variable name="tk:footer-lines" as="element()+">
    <!-- a title that ends with a full stop ("… 3 October 1888.") is not given a second one -->
    <p><xsl:value-of select="tk:title()"/><xsl:if test="tk:publication()"><xsl:value-of select="if (matches(tk:title(), '[.!?]$')) then ' ' else '. '"/><xsl:value-of select="tk:publication()"/></xsl:if></p>
    <!-- the licences of the edition (its rights statement when it has none) -->
    <xsl:variable name="availability" select="$tk:header/tei:fileDesc/tei:publicationStmt/tei:availability"/>
    <xsl:for-each select="if (exists($availability/tei:licence)) then $availability/tei:licence else tk:licence()">
      <p class="licence"><xsl:apply-templates select="." mode="tk:licence"/></p>
    </xsl:for-each>
  </xsl:variable>
  <!-- The edition's metadata, for every page that is not a division's: a book (og:type too,
       which Zotero reads before the Highwire tags' guess). -->
  <xsl:variable name="tk:edition-meta" as="element()*" select="tk:citation-meta(tk:citation('edition')),
      tk:json-ld($tk:edition-item)"/>
  <xsl:variable name="tk:edition-script" as="element()" select="tk:citation-script($tk:edition-item)"/>
  <xsl:variable name="tk:edition-coins" as="element()" select="tk:coins(tk:citation('edition'))"/>

  <xsl:template match="*" mode="tk:licence">
    <xsl:choose>
      <xsl:when test="starts-with(@target, 'http://') or starts-with(@target, 'https://')">
        <a href="{tokenize(@target)[1]}"><xsl:value-of select="tk:plain(.)"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="tk:plain(.)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--* A minimal citation item from the header, for documents teikit.cite cannot describe. -->
  <xsl:function name="tk:header-item" as="map(*)">
    <xsl:variable name="date" select="string(($tk:header/tei:fileDesc/tei:publicationStmt/tei:date/(@when, .))[1])"/>
    <xsl:sequence select="map{
        'type': 'book', 'title': tk:title(),
        'author': array{ $tk:title-stmt/tei:author ! map{'literal': tk:person-name(.)} },
        'publisher': ($tk:header/tei:fileDesc/tei:publicationStmt/tei:publisher)[1] ! tk:agent-name(.),
        'issued': if (matches($date, '^\d{4}')) then map{'date-parts': [[xs:integer(substring($date, 1, 4))]]} else (),
        'language': tk:language()}"/>
  </xsl:function>

  <!--* Page metadata for citation managers: Highwire citation_*, Dublin Core DC.*. -->
  <xsl:function name="tk:citation-meta" as="element()*">
    <xsl:param name="item" as="map(*)"/>
    <xsl:variable name="i" select="if (map:size($item) gt 0) then $item else tk:header-item()"/>
    <xsl:variable name="chapter" select="$i?type = 'chapter'"/>
    <xsl:variable name="authors" select="tk:csl-names($i?author)"/>
    <xsl:variable name="date" select="tk:csl-date($i?issued)"/>
    <xsl:variable name="pages" select="tokenize(string($i?page), '[-–]')"/>
    <meta name="citation_title" content="{$i?title}"/>
    <xsl:if test="not($chapter)"><meta property="og:type" content="book"/></xsl:if>
    <meta property="og:title" content="{$i?title}"/>
    <xsl:for-each select="$authors"><meta name="citation_author" content="{.}"/></xsl:for-each>
    <xsl:if test="$date"><meta name="citation_publication_date" content="{translate($date, '-', '/')}"/></xsl:if>
    <xsl:if test="$i?publisher"><meta name="citation_publisher" content="{$i?publisher}"/></xsl:if>
    <xsl:if test="$chapter and $i?container-title"><meta name="citation_inbook_title" content="{$i?container-title}"/></xsl:if>
    <xsl:if test="$pages[1]"><meta name="citation_firstpage" content="{$pages[1]}"/></xsl:if>
    <xsl:if test="$pages[2]"><meta name="citation_lastpage" content="{$pages[2]}"/></xsl:if>
    <xsl:if test="$i?ISBN"><meta name="citation_isbn" content="{$i?ISBN}"/></xsl:if>
    <xsl:if test="$i?language"><meta name="citation_language" content="{$i?language}"/></xsl:if>
    <meta name="DC.title" content="{$i?title}"/>
    <xsl:for-each select="$authors"><meta name="DC.creator" content="{.}"/></xsl:for-each>
    <xsl:for-each select="tk:csl-names($i?translator)"><meta name="DC.contributor" content="{.}"/></xsl:for-each>
    <xsl:if test="$date"><meta name="DC.date" content="{$date}"/></xsl:if>
    <xsl:if test="$i?publisher"><meta name="DC.publisher" content="{$i?publisher}"/></xsl:if>
    <xsl:if test="$i?language"><meta name="DC.language" content="{$i?language}"/></xsl:if>
    <meta name="DC.type" content="Text"/>
    <xsl:if test="$chapter and $i?container-title"><meta name="DC.relation.ispartof" content="{$i?container-title}"/></xsl:if>
    <xsl:if test="$i?ISBN"><meta name="DC.identifier" content="urn:isbn:{$i?ISBN}"/></xsl:if>
    <xsl:if test="$i?page"><meta name="DC.citation.spage" content="{$pages[1]}"/></xsl:if>
    <xsl:if test="$i?custom?rights"><meta name="DC.rights" content="{$i?custom?rights}"/></xsl:if>
  </xsl:function>

  <!--* COinS (OpenURL ContextObject in a span) for the same item. -->
  <xsl:function name="tk:coins" as="element()">
    <xsl:param name="item" as="map(*)"/>
    <xsl:variable name="i" select="if (map:size($item) gt 0) then $item else tk:header-item()"/>
    <xsl:variable name="chapter" select="$i?type = 'chapter'"/>
    <xsl:variable name="pages" select="tokenize(string($i?page), '[-–]')"/>
    <xsl:variable name="pairs" as="xs:string*" select="(
        'ctx_ver=Z39.88-2004', 'rft_val_fmt=info:ofi/fmt:kev:mtx:book',
        'rft.genre=' || (if ($chapter) then 'bookitem' else 'book'),
        if ($chapter) then ('rft.atitle=' || encode-for-uri($i?title), 'rft.btitle=' || encode-for-uri(string($i?container-title)))
        else 'rft.btitle=' || encode-for-uri($i?title),
        tk:csl-names($i?author) ! ('rft.au=' || encode-for-uri(.)),
        if ($i?publisher) then 'rft.pub=' || encode-for-uri($i?publisher) else (),
        if ($i?publisher-place) then 'rft.place=' || encode-for-uri($i?publisher-place) else (),
        if (tk:csl-date($i?issued)) then 'rft.date=' || tk:csl-date($i?issued) else (),
        if ($i?ISBN) then 'rft.isbn=' || encode-for-uri($i?ISBN) else (),
        if ($pages[1]) then 'rft.spage=' || encode-for-uri($pages[1]) else (),
        if ($pages[2]) then 'rft.epage=' || encode-for-uri($pages[2]) else ())"/>
    <span class="Z3988" title="{string-join($pairs, '&amp;')}"></span>
  </xsl:function>
</xsl:stylesheet>
