<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: the pages of the reading edition. One template per kind of page:
  title page, contents, a unit (chapter/division, with its notes), registers (A-Z) and
  entity pages, the list of printed pages, the search page; plus the two data scripts
  (printed pages; search index) that the local JavaScript reads.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    exclude-result-prefixes="#all">

  <!-- What stands inside <main>, by the kind of page tk:write-page was given (its $item is
       the unit, entity or register kind shown). Templates, not a content parameter, so the
       content is written straight into the page, never built as a tree and copied; an edition
       adds or changes a kind with a template of its own in this mode. -->
  <xsl:mode name="tk:page-content" on-no-match="fail" use-accumulators="#all"/>

  <!-- ============ title page ============ -->

  <xsl:template name="tk:title-page">
    <xsl:call-template name="tk:write-page">
      <xsl:with-param name="file" select="'index.html'"/>
      <xsl:with-param name="title" select="tk:title()"/>
      <xsl:with-param name="next" select="if (exists($tk:units)) then ('toc.html', tk:s('contents')) else ()"/>
      <xsl:with-param name="kind" select="'title'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match=".[. = 'title']" mode="tk:page-content">
    <div class="title-page">
      <h1><xsl:value-of select="tk:title()"/></h1>
      <xsl:if test="tk:subtitle()"><p class="subtitle"><xsl:value-of select="tk:subtitle()"/></p></xsl:if>
      <xsl:if test="exists($tk:title-stmt/tei:author)">
        <p class="authors"><xsl:value-of select="string-join($tk:title-stmt/tei:author ! tk:plain(.), '; ')"/></p>
      </xsl:if>
      <xsl:if test="exists(tk:credits())">
        <h2><xsl:value-of select="tk:s('credits')"/></h2>
        <ul class="credits"><xsl:for-each select="tk:credits()"><li><xsl:value-of select="."/></li></xsl:for-each></ul>
      </xsl:if>
      <xsl:if test="tk:publication()"><p class="publication"><xsl:value-of select="tk:publication()"/></p></xsl:if>
      <!-- a collection teikit put together (collection.py: its idno of type "teikit"): what it
           holds, rather than the source description teikit wrote for its header -->
      <xsl:variable name="made" select="exists($tk:doc/tei:teiCorpus/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno[@type = 'teikit'])"/>
      <xsl:if test="tk:source() and not($made)"><p class="source"><xsl:value-of select="tk:s('source')"/>: <xsl:value-of select="tk:source()"/></p></xsl:if>
      <xsl:if test="$tk:doc/tei:teiCorpus">
        <xsl:variable name="years" select="$tk:letters ! tk:letter-date(.)[matches(., '^\d{4}')] ! substring(., 1, 4)"/>
        <p class="collection-summary">
          <xsl:value-of select="count($tk:doc/tei:teiCorpus/tei:TEI) || ' ' || tk:s('documents-count')"/>
          <xsl:if test="exists($tk:letters)">
            <xsl:value-of select="' · ' || count($tk:letters) || ' ' || tk:s('letters-count')
                || (if (exists($years)) then ', ' || string-join(distinct-values((min($years), max($years))), '–') else '')"/>
          </xsl:if>
        </p>
      </xsl:if>
      <xsl:call-template name="tk:availability"/>
      <xsl:if test="array:size($tk:downloads) gt 0">
        <p class="start"><a href="downloads.html"><xsl:value-of select="tk:s('downloads')"/></a></p>
      </xsl:if>
      <xsl:if test="exists($tk:letters)">
        <p class="start"><a href="letters.html"><xsl:value-of select="tk:s('letters')"/></a></p>
      </xsl:if>
      <p class="start"><a href="toc.html"><xsl:value-of select="tk:s('contents')"/></a></p>
      <xsl:for-each select="$tk:units[not(tk:in-contents(.))]">
        <p class="printed-title-page"><a href="{tk:href-of(.)}"><xsl:value-of select="tk:label(.)"/></a>
          <xsl:variable name="range" select="tk:page-range(.)"/>
          <xsl:if test="$range"><xsl:text> </xsl:text><span class="toc-pages"><xsl:value-of select="tk:s('page') || ' ' || $range"/></span></xsl:if></p>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- ============ contents ============ -->

  <!--* The printed page range of a unit ("1-24"), from its citation record else its page breaks. -->
  <xsl:function name="tk:page-range" as="xs:string">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="csl" select="if ($unit/@xml:id) then string(tk:citation(string($unit/@xml:id))?page) else ''"/>
    <xsl:variable name="pbs" select="$unit//tei:pb[@n]"/>
    <xsl:sequence select="if ($csl) then $csl
        else string-join(distinct-values(($pbs[1]/@n, $pbs[last()]/@n) ! string(.)), '–')"/>
  </xsl:function>

  <xsl:template name="tk:toc">
    <xsl:call-template name="tk:write-page">
      <xsl:with-param name="file" select="'toc.html'"/>
      <xsl:with-param name="title" select="tk:s('contents')"/>
      <xsl:with-param name="prev" select="('index.html', tk:title())"/>
      <xsl:with-param name="next" select="$tk:units[1] ! (tk:href-of(.), tk:label(.))"/>
      <xsl:with-param name="kind" select="'toc'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match=".[. = 'toc']" mode="tk:page-content">
    <h1><xsl:value-of select="tk:s('contents')"/></h1>
    <ol class="toc">
      <xsl:for-each select="$tk:units[tk:in-contents(.)]">
        <xsl:variable name="range" select="tk:page-range(.)"/>
        <!-- the heading of a division paged by the divisions inside it (tk:unwrapped: Ovid's
             "Amores", Kant's "Elementarlehre"), which has no page of its own, over its first -->
        <xsl:for-each select="tk:opening(.)[self::tei:head][parent::tei:div][not(preceding-sibling::tei:head)]">
          <li class="toc-heading"><xsl:value-of select="tk:plain(.)"/></li>
        </xsl:for-each>
        <li class="toc-{(@type, local-name())[1]}">
          <a href="{tk:href-of(.)}"><xsl:value-of select="tk:label(.)"/></a>
          <xsl:if test="$range"><xsl:text> </xsl:text><span class="toc-pages"><xsl:value-of select="tk:s('page') || ' ' || $range"/></span></xsl:if>
          <!-- a collection's document on one page: its titled divisions, each a link into it -->
          <xsl:variable name="parts" select="if (self::tei:text and tk:short-member(.))
              then (tei:front | tei:body | tei:back)/(tei:div | tei:div1)[tk:div-title(.) or tk:div-number(.)] else ()"/>
          <xsl:if test="exists($parts)">
            <ol class="toc-parts">
              <xsl:for-each select="$parts">
                <li><a href="{tk:href-of(.)}"><xsl:value-of select="tk:own-label(.)"/></a></li>
              </xsl:for-each>
            </ol>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ol>
    <xsl:if test="exists($tk:entities)">
      <h2><xsl:value-of select="tk:s('register')"/></h2>
      <ul class="toc-registers">
        <xsl:for-each select="$tk:register-kinds[exists(tk:register(.))]">
          <li><a href="{.}.html"><xsl:value-of select="tk:s(.)"/></a></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- ============ units ============ -->

  <!--* A unit as an article: heading, content (with the page furniture before it), notes. -->
  <xsl:template name="tk:unit-article">
    <xsl:param name="unit" as="element()"/>
    <article class="unit unit-{($unit/@type, local-name($unit))[1]}" id="{tk:unit-anchor($unit)}">
      <!-- a unit in another language than the edition's (a letter's translation) says so -->
      <!-- (a tag that is none, "english", gives lang="": unknown, rather than the edition's) -->
      <xsl:variable name="lang" select="tk:unit-language($unit)"/>
      <xsl:if test="exists($lang) and $lang != tk:language()">
        <xsl:attribute name="lang" select="$lang"/>
        <xsl:if test="tk:direction($lang) != tk:direction(tk:language())">
          <xsl:attribute name="dir" select="tk:direction($lang)"/>
        </xsl:if>
      </xsl:if>
      <!-- Page breaks etc. standing between this unit and the previous one. -->
      <xsl:apply-templates select="tk:furniture-before($unit, ())"/>
      <xsl:if test="not($unit/tei:head)">
        <h1 class="unit-label"><xsl:value-of select="tk:label($unit)"/></h1>
        <!-- a letter on a page of its own: who wrote to whom, where and when, under its title -->
        <xsl:call-template name="tk:letter-meta"><xsl:with-param name="unit" select="$unit"/></xsl:call-template>
        <xsl:call-template name="tk:member-byline"><xsl:with-param name="unit" select="$unit"/></xsl:call-template>
      </xsl:if>
      <!-- the manuscript the document transcribes or describes (msdesc.xsl) -->
      <xsl:call-template name="tk:manuscript-description"><xsl:with-param name="unit" select="$unit"/></xsl:call-template>
      <xsl:variable name="heads" select="$unit/tei:head"/>
      <xsl:apply-templates select="$unit/node()[empty($heads) or not(. >> $heads[last()])]"/>
      <xsl:call-template name="tk:letter-bar"><xsl:with-param name="unit" select="$unit"/></xsl:call-template>
      <xsl:apply-templates select="$unit/node()[exists($heads) and . >> $heads[last()]]"/>
      <!-- what closes the part after its last division (a trailer), and the page furniture
           after it (tk:closing); the last unit also takes what follows it in its text -->
      <xsl:apply-templates select="tk:closing($unit)"/>
      <xsl:if test="$unit is $tk:units[last()] and empty(tk:closing($unit))">
        <xsl:apply-templates select="$unit/following-sibling::*[local-name() = $tk:interstitial]"/>
      </xsl:if>
      <xsl:variable name="notes" select="tk:listed-notes($unit)"/>
      <xsl:if test="exists($notes)">
        <xsl:variable name="hid" select="tk:unit-anchor($unit) || '-notes-heading'"/>
        <section class="notes" aria-labelledby="{$hid}">
          <h2 id="{$hid}" class="notes-heading"><xsl:value-of select="tk:s('notes')"/></h2>
          <ul class="notes-list">
            <xsl:apply-templates select="$notes" mode="tk:note-entry"/>
          </ul>
        </section>
      </xsl:if>
      <xsl:call-template name="tk:letter-nav"><xsl:with-param name="unit" select="$unit"/></xsl:call-template>
    </article>
  </xsl:template>

  <!--* The language of a unit as BCP 47: the nearest xml:lang within its document, else (in a
        collection) the first language its document's header names (langUsage), else the
        nearest xml:lang around the document; () when none is said. A letter whose header says
        German is read aloud in German, not in the voice of the collection's first letter. -->
  <xsl:function name="tk:unit-language" as="xs:string?">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="member" select="$unit/ancestor-or-self::tei:TEI[1][parent::tei:teiCorpus]"/>
    <xsl:variable name="inside" select="($unit/ancestor-or-self::*[empty($member) or not(. &lt;&lt; $member)]/@xml:lang)[last()]"/>
    <xsl:sequence select="($inside,
        $member/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language[1]/@ident,
        ($unit/ancestor-or-self::*/@xml:lang)[last()])[1] ! tk:bcp47(string(.))"/>
  </xsl:function>

  <!--* On the first page of a collection's document that is no letter (a poem, a sermon, a
        play), under its title: its authors (titleStmt/author), as the TEI Stylesheets show
        them; forty poems by as many poets would otherwise not say whose they are. Taken from
        the header, so not a word of the text (tk-generated). -->
  <xsl:template name="tk:member-byline">
    <xsl:param name="unit" as="element()"/>
    <xsl:variable name="member" select="$unit/ancestor-or-self::tei:TEI[1][parent::tei:teiCorpus]"/>
    <xsl:variable name="authors" select="$member/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author[normalize-space()]"/>
    <xsl:if test="exists($authors) and empty(tk:member-letters($member))
        and $tk:units[$tk:member-first-unit(generate-id($member))] is $unit">
      <p class="member-byline tk-generated">
        <xsl:value-of select="string-join($authors ! normalize-space(tk:plain(.)), '; ')"/>
      </p>
    </xsl:if>
  </xsl:template>

  <!--* The page furniture (pb, milestone, …) between the unit before $e and $e, in document
        order ($found: what was found nearer $e). Walks back sibling by sibling and stops at a
        unit: testing every earlier sibling of every unit grew with the square of the units. -->
  <xsl:function name="tk:furniture-before" as="element()*">
    <xsl:param name="e" as="element()"/>
    <xsl:param name="found" as="element()*"/>
    <xsl:variable name="p" select="$e/preceding-sibling::*[1]"/>
    <!-- the first unit of a wrapping division (tk:unwrapped), or of a part paged by its
         divisions, carries what stands before it: the heading and what opens the part
         (tk:divided), a figure, page breaks before the part (a page break between the front
         and a divided body was shown nowhere, its link in the page list led nowhere). The walk
         stops at the first sibling that is none of these (a unit, or a part holding units). -->
    <xsl:sequence select="if (empty($p) and $e/parent::*[self::tei:div or self::tei:div1 or self::tei:front
          or self::tei:body or self::tei:back][not(tk:is-unit(.))]) then tk:furniture-before($e/.., $found)
        else if (empty($p) or not($p[local-name() = $tk:interstitial or tk:is-opening(.) or self::tei:figure or self::tei:divGen])) then $found
        else tk:furniture-before($p, ($p, $found))"/>
  </xsl:function>

  <xsl:template name="tk:unit-pages">
    <xsl:choose>
      <xsl:when test="$single-page">
        <xsl:call-template name="tk:write-page">
          <xsl:with-param name="file" select="'edition.html'"/>
          <xsl:with-param name="title" select="tk:title()"/>
          <xsl:with-param name="prev" select="('toc.html', tk:s('contents'))"/>
          <xsl:with-param name="kind" select="'all-units'"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$tk:units">
          <xsl:variable name="i" select="position()"/>
          <xsl:variable name="file" select="tk:unit-file(.)"/>
          <!-- another shard's page (build -\-jobs N): its citation, title and neighbours are
               not worked out here (the citations alone were a tenth of a shard's fixed cost) -->
          <xsl:if test="tk:my-file($file)">
            <xsl:call-template name="tk:write-page">
              <xsl:with-param name="file" select="$file"/>
              <xsl:with-param name="title" select="tk:label(.)"/>
              <xsl:with-param name="citation" select="tk:unit-citation(.)"/>
              <xsl:with-param name="prev" select="if ($i gt 1) then $tk:units[$i - 1] ! (tk:unit-file(.), tk:label(.))
                  else ('toc.html', tk:s('contents'))"/>
              <xsl:with-param name="next" select="$tk:units[$i + 1] ! (tk:unit-file(.), tk:label(.))"/>
              <xsl:with-param name="kind" select="'unit'"/>
              <xsl:with-param name="item" select="."/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match=".[. = 'all-units']" mode="tk:page-content">
    <xsl:for-each select="$tk:units">
      <xsl:call-template name="tk:unit-article"><xsl:with-param name="unit" select="."/></xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match=".[. = 'unit']" mode="tk:page-content">
    <xsl:param name="item" as="element()"/>
    <xsl:call-template name="tk:unit-article"><xsl:with-param name="unit" select="$item"/></xsl:call-template>
    <xsl:call-template name="tk:contents-aside"><xsl:with-param name="current" select="$item"/></xsl:call-template>
  </xsl:template>

  <!-- ============ registers and entity pages ============ -->

  <!--* The heading an entity is filed under: the first character of its sort key, a letter
        in upper case, "0–9" for a digit, "#" for a name of neither. It is the key's first
        character, so the entries of one heading stand together in the register's order:
        taking the first letter anywhere in the name filed "10, Rue Daubigny" under R among
        the names beginning with a digit, and a register of 300 places had headings R, A, T,
        A, R, … before its A–Z. -->
  <xsl:function name="tk:initial" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="c" select="substring(tk:sort-key($e), 1, 1)"/>
    <xsl:sequence select="if (matches($c, '^\p{N}$')) then '0–9' else if (matches($c, '^\p{L}$')) then upper-case($c)
        else '#'"/>
  </xsl:function>

  <!--* The anchor of a register's heading: named by the heading, not by its position, so a
        link to the places under K still leads there when a place under A is added. -->
  <xsl:function name="tk:initial-anchor" as="xs:string">
    <xsl:param name="initial" as="xs:string"/>
    <xsl:sequence select="'letter-' || (if ($initial = '0–9') then '0-9' else if ($initial = '#') then 'other'
        else $initial)"/>
  </xsl:function>

  <xsl:template name="tk:registers">
    <xsl:for-each select="$tk:register-kinds">
      <xsl:variable name="kind" select="."/>
      <xsl:variable name="entities" select="tk:register($kind)"/>
      <xsl:if test="exists($entities)">
        <xsl:call-template name="tk:write-page">
          <xsl:with-param name="file" select="$kind || '.html'"/>
          <xsl:with-param name="title" select="tk:s($kind)"/>
          <xsl:with-param name="kind" select="'register'"/>
          <xsl:with-param name="item" select="$kind"/>
        </xsl:call-template>
        <!-- (an entry of a register file that nothing points at is shown on the register's page) -->
        <xsl:for-each select="$entities[tk:has-page(.)]">
          <xsl:call-template name="tk:entity-page"><xsl:with-param name="kind" select="$kind"/></xsl:call-template>
        </xsl:for-each>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match=".[. = 'register']" mode="tk:page-content">
    <xsl:param name="item" as="xs:string"/>
    <xsl:variable name="kind" select="$item"/>
    <xsl:variable name="entities" select="tk:register($kind)"/>
    <h1><xsl:value-of select="tk:s($kind)"/></h1>
    <xsl:variable name="groups" as="element()*">
      <xsl:for-each-group select="$entities" group-by="tk:initial(.)">
        <group letter="{current-grouping-key()}"/>
      </xsl:for-each-group>
    </xsl:variable>
    <nav class="az" aria-label="A–Z">
      <ul><xsl:for-each select="$groups"><li><a href="#{tk:initial-anchor(@letter)}"><xsl:value-of select="@letter"/></a></li></xsl:for-each></ul>
    </nav>
    <xsl:for-each-group select="$entities" group-by="tk:initial(.)">
      <section class="register-letter" aria-labelledby="{tk:initial-anchor(current-grouping-key())}">
        <h2 id="{tk:initial-anchor(current-grouping-key())}"><xsl:value-of select="current-grouping-key()"/></h2>
        <ul class="register">
          <xsl:for-each select="current-group()">
            <xsl:choose>
              <!-- an entry of a register file given apart (an authority file: the only place
                   the edition says who each one is) is shown whole, its name a link to its page -->
              <xsl:when test="tk:has-page(.) and tk:from-register-file(.)">
                <xsl:call-template name="tk:register-entry"><xsl:with-param name="linked" select="true()"/></xsl:call-template>
              </xsl:when>
              <xsl:when test="tk:has-page(.)">
                <xsl:variable name="n" select="tk:mention-count(.)"/>
                <li><a href="{tk:entity-file(.)}"><xsl:value-of select="tk:entity-name(.)"/></a>
                  <xsl:if test="$n gt 0"><xsl:text> </xsl:text><span class="count">(<xsl:value-of select="$n"/>)</span></xsl:if></li>
              </xsl:when>
              <xsl:otherwise><xsl:call-template name="tk:register-entry"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:for-each-group>
  </xsl:template>

  <!--* A few words either side of a mention, from its paragraph (or line, item, note). -->
  <xsl:template name="tk:context">
    <xsl:param name="m" as="element()"/>
    <!-- most mentions stand right in a paragraph: no need to look further up -->
    <xsl:variable name="block" select="if ($m/parent::tei:p) then $m/.. else
        ($m/ancestor::*[self::tei:p or self::tei:l or self::tei:item or self::tei:head
        or self::tei:note or self::tei:cell or self::tei:ab or self::tei:quote][1], $m/..)[1]"/>
    <!-- Only a few siblings either side of the mention (or of its ancestor that is a child of
         the block) are read, so the cost per mention stays small; notes and hidden readings
         (sic, orig, abbr) are left out. -->
    <xsl:variable name="anchor" select="if ($m/.. is $block) then $m else ($m/ancestor-or-self::*[parent::* is $block], $m)[1]"/>
    <xsl:variable name="raw-before" as="xs:string" select="tk:context-text($anchor/preceding-sibling::node()[position() le 8])"/>
    <xsl:variable name="raw-after" as="xs:string" select="tk:context-text($anchor/following-sibling::node()[position() le 8])"/>
    <xsl:variable name="before" select="normalize-space($raw-before)"/>
    <xsl:variable name="after" select="normalize-space($raw-after)"/>
    <!-- a space between the mention and its context only where the text has one -->
    <xsl:variable name="space-before" select="if ($before and normalize-space(substring($raw-before, string-length($raw-before))) = '') then ' ' else ''"/>
    <xsl:variable name="space-after" select="if ($after and normalize-space(substring($raw-after, 1, 1)) = '') then ' ' else ''"/>
    <xsl:variable name="b" select="(if (string-length($before) gt 70)
        then '…' || substring-after(substring($before, string-length($before) - 69), ' ') else $before) || $space-before"/>
    <xsl:variable name="a" select="$space-after || (if (string-length($after) gt 70)
        then tk:before-last-space(substring($after, 1, 70)) || '…' else $after)"/>
    <xsl:value-of select="$b"/>
    <mark><xsl:value-of select="tk:plain($m)"/></mark>
    <xsl:value-of select="$a"/>
  </xsl:template>

  <!--* The text of $nodes as a context shows it: notes and note markers left out. -->
  <xsl:function name="tk:context-text" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:sequence select="string-join($nodes ! (if (. instance of text()) then string(.)
        else if (self::tei:note or self::tei:ref[tk:target(@target)/self::tei:note]) then ''
        else if (self::tei:lb) then ' ' else tk:plain-raw(.)), '')"/>
  </xsl:function>

  <!--* The text before its last space ("a b c" -> "a b"). -->
  <xsl:function name="tk:before-last-space" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:variable name="words" select="tokenize($s)"/>
    <xsl:sequence select="if (count($words) gt 1) then string-join($words[position() lt last()], ' ') else $s"/>
  </xsl:function>

  <xsl:template name="tk:entity-page">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:call-template name="tk:write-page">
      <xsl:with-param name="file" select="tk:entity-file(.)"/>
      <xsl:with-param name="title" select="tk:entity-name(.)"/>
      <xsl:with-param name="prev" select="($kind || '.html', tk:s($kind))"/>
      <xsl:with-param name="kind" select="'entity'"/>
      <xsl:with-param name="item" select="."/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match=".[. = 'entity']" mode="tk:page-content">
    <xsl:param name="item" as="element()"/>
    <xsl:for-each select="$item[tk:register-of(.) = 'works']">
      <xsl:call-template name="tk:work-page"/>
    </xsl:for-each>
    <xsl:for-each select="$item[tk:register-of(.) != 'works']">
      <xsl:variable name="mentions" select="tk:text-mentions(.)"/>
      <xsl:variable name="in-index" select="tk:index-mentions(.)"/>
      <article class="entity entity-{local-name()}" id="{@xml:id}">
        <h1><xsl:value-of select="tk:entity-name(.)"/></h1>
        <!-- The dates lead; the description is shown once, whole and with its links, among the
             facts below (the one-line form is for the cards). A birth or death that says no
             more than its date is not repeated there. -->
        <xsl:variable name="dates" select="tk:entity-dates(.)"/>
        <xsl:if test="$dates">
          <p class="entity-summary"><span class="entity-dates"><xsl:value-of select="$dates"/></span>
            <!-- where the dates come from (a biographical note), as a link: "(note 14, ch. 2)" -->
            <xsl:for-each select="distinct-values((tei:birth, tei:death, tei:floruit)/@source ! tokenize(.))
                ! tk:target(.)[exists(tk:href-of(.))]">
              <xsl:text> </xsl:text>
              <a class="entity-source" href="{tk:href-of(.)}">(<xsl:value-of select="tk:target-label(.)"/>)</a>
            </xsl:for-each>
          </p>
        </xsl:if>
        <xsl:call-template name="tk:entity-facts"/>
        <xsl:call-template name="tk:entity-letters"><xsl:with-param name="entity" select="."/></xsl:call-template>
        <h2><xsl:value-of select="tk:s('mentions')"/> (<xsl:value-of select="count($mentions)"/>)</h2>
        <!-- Grouped by unit (chapter): its label once, then page and context per mention. -->
        <xsl:variable name="page-label" select="tk:s('page')"/>
        <xsl:for-each-group select="$mentions" group-adjacent="generate-id(tk:mention-unit(.))">
          <xsl:call-template name="tk:mention-group"><xsl:with-param name="page-label" select="$page-label"/></xsl:call-template>
        </xsl:for-each-group>
        <!-- The printed index's entries for it: not mentions in the text (nor counted as such). -->
        <xsl:if test="exists($in-index)">
          <h2><xsl:value-of select="tk:s('in-index')"/></h2>
          <ul class="index-entries">
            <xsl:for-each select="$in-index">
              <xsl:variable name="entry" select="(ancestor::tei:item[@xml:id], ancestor::tei:item, ..)[1]"/>
              <li><a href="{tk:unit-file(tk:mention-unit(.))}#{if ($entry/self::tei:item) then tk:block-id($entry) else tk:mention-id(.)}">
                <xsl:value-of select="tk:plain(.)"/></a></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </article>
    </xsl:for-each>
  </xsl:template>

  <!--* What an entity's entry says besides its main name and plain dates: its other names
        and every other child (occupation, description, location, ...), as a list. -->
  <xsl:template name="tk:entity-facts">
    <xsl:variable name="others" select="tk:other-names(.)"/>
    <xsl:variable name="facts" select="* except (tk:main-name(.), $others,
        (tei:birth, tei:death, tei:floruit)[not(*)][normalize-space() = ('', @when, @from, @to, @notBefore, @notAfter)])"/>
    <xsl:if test="exists($others) or exists($facts)">
      <dl class="entity-facts">
        <xsl:if test="exists($others)">
          <dt><xsl:value-of select="tk:s('names')"/></dt>
          <xsl:for-each select="$others">
            <dd><xsl:apply-templates/><xsl:if test="@type"><xsl:text> </xsl:text><span class="name-type">(<xsl:value-of select="@type"/>)</span></xsl:if></dd>
          </xsl:for-each>
        </xsl:if>
        <xsl:for-each-group select="$facts" group-adjacent="string-join((local-name(), @type), ' ')">
          <dt><xsl:value-of select="if (self::tei:note and (not(@type) or @type = 'index')) then tk:s('description')
              else if (@type) then @type else ($tk:labels('fact-' || local-name()), local-name())[1]"/></dt>
          <!-- (an identifier itself, so that one that is a web address becomes a link) -->
          <xsl:for-each select="current-group()"><dd><xsl:apply-templates select="if (self::tei:idno) then . else node()"/></dd></xsl:for-each>
        </xsl:for-each-group>
      </dl>
    </xsl:if>
  </xsl:template>

  <!--* An entry of a register file given apart, whole on its register's page under its own
        anchor: its name, dates and facts, or a work's citation as written. One that the edition
        points at ($linked) has a page too: its name (a work's title) links there, with how
        often it is mentioned (cited), and the entry follows. -->
  <xsl:template name="tk:register-entry">
    <xsl:param name="linked" as="xs:boolean" select="false()"/>
    <li class="register-entry" id="{@xml:id}">
      <xsl:if test="$linked">
        <xsl:variable name="n" select="tk:mention-count(.)"/>
        <a class="entity-name" href="{tk:entity-file(.)}"><xsl:value-of select="tk:entity-name(.)"/></a>
        <xsl:if test="$n gt 0"><xsl:text> </xsl:text><span class="count">(<xsl:value-of select="$n"/>)</span></xsl:if>
        <xsl:if test="tk:register-of(.) = 'works'"><xsl:text> </xsl:text></xsl:if>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="tk:register-of(.) = 'works'">
          <!-- a div when the entry holds a block (a figure: PMB's works show a cover) -->
          <xsl:element name="{if (exists(*[tk:is-block(.)])) then 'div' else 'span'}">
            <xsl:attribute name="class" select="'work-citation'"/>
            <xsl:apply-templates select="node()"/>
          </xsl:element>
        </xsl:when>
        <xsl:otherwise>
          <xsl:if test="not($linked)"><span class="entity-name"><xsl:value-of select="tk:entity-name(.)"/></span></xsl:if>
          <xsl:variable name="dates" select="tk:entity-dates(.)"/>
          <xsl:if test="$dates"><xsl:text> </xsl:text><span class="entity-dates"><xsl:value-of select="$dates"/></span></xsl:if>
          <xsl:text> </xsl:text>
          <xsl:call-template name="tk:entity-facts"/>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <!--* How often the text names an entity (a work: cites it), as its register line counts it. -->
  <xsl:function name="tk:mention-count" as="xs:integer">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="if (tk:register-of($e) = 'works') then count(tk:citations($e)) else count(tk:text-mentions($e))"/>
  </xsl:function>

  <!--* A work of a bibliography register: its citation as written (its own id on it), then
        the documents that cite it (a pointer of theirs: ref/@target, quote/@source,
        bibl/@corresp, title/@ref), each with how often. -->
  <xsl:template name="tk:work-page">
    <xsl:variable name="citing" select="tk:citations(.)"/>
    <article class="entity entity-work">
      <h1><xsl:value-of select="tk:entity-name(.)"/></h1>
      <div class="work-citation"><xsl:apply-templates select="."/></div>
      <h2><xsl:value-of select="tk:s('cited-in')"/> (<xsl:value-of select="count($citing)"/>)</h2>
      <ul class="citing-units">
        <xsl:for-each-group select="$citing" group-by="generate-id(tk:mention-unit(.))">
          <xsl:variable name="unit" select="tk:mention-unit(.)"/>
          <li><a href="{tk:unit-file($unit)}"><xsl:value-of select="tk:label($unit)"/></a>
            <xsl:text> </xsl:text><span class="count">(<xsl:value-of select="count(current-group())"/>)</span></li>
        </xsl:for-each-group>
      </ul>
    </article>
  </xsl:template>

  <!--* One unit's mentions of an entity (the current group): the unit's label with the count,
        then page and context per mention. -->
  <xsl:template name="tk:mention-group">
    <xsl:param name="page-label" as="xs:string"/>
    <xsl:variable name="unit" select="tk:mention-unit(.)"/>
    <xsl:variable name="file" select="tk:unit-file($unit)"/>
    <xsl:variable name="label" select="tk:label($unit)"/>
    <section class="mentions-unit">
      <h3><a href="{$file}"><xsl:value-of select="$label"/></a>
        <xsl:text> </xsl:text><span class="count">(<xsl:value-of select="count(current-group())"/>)</span></h3>
      <ol class="mentions">
        <xsl:for-each select="current-group()">
          <li>
            <a href="{$file}#{tk:mention-id(.)}">
              <xsl:value-of select="(tk:page-of(.)/@n ! ($page-label || ' ' || .), $label)[1]"/>
            </a>
            <xsl:text>: </xsl:text>
            <span class="kwic"><xsl:call-template name="tk:context"><xsl:with-param name="m" select="."/></xsl:call-template></span>
          </li>
        </xsl:for-each>
      </ol>
    </section>
  </xsl:template>

  <!-- ============ printed pages (the search page: search.xsl) ============ -->

  <xsl:template name="tk:pages-page">
    <xsl:call-template name="tk:write-page">
      <xsl:with-param name="file" select="'pages.html'"/>
      <xsl:with-param name="title" select="tk:s('pages')"/>
      <xsl:with-param name="kind" select="'pages'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match=".[. = 'pages']" mode="tk:page-content">
    <h1><xsl:value-of select="tk:s('pages')"/></h1>
    <xsl:choose>
      <xsl:when test="exists($tk:page-breaks)">
        <ul class="page-list">
          <xsl:for-each select="$tk:page-breaks">
            <li><a href="{tk:href-of(.)}"><xsl:value-of select="@n"/></a></li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise><p>—</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Page breaks with a number, in a unit. -->
  <xsl:variable name="tk:page-breaks" as="element(tei:pb)*"
      select="$tk:doc//tei:text//tei:pb[@n][exists(tk:unit-of(.))]"/>

  <xsl:template name="tk:data-scripts">
    <xsl:if test="tk:my-file('pages-data.js')">
    <xsl:result-document href="pages-data.js" method="text" encoding="UTF-8">
      <xsl:text>window.TK_PAGES = </xsl:text>
      <!-- [the number as typed (lower case), where it is, the number as printed] -->
      <xsl:value-of select="serialize(array{ $tk:page-breaks ! [lower-case(normalize-space(@n)), tk:href-of(.), normalize-space(@n)] },
          map{'method': 'json'})"/>
      <xsl:text>;&#10;</xsl:text>
    </xsl:result-document>
    </xsl:if>
    <xsl:call-template name="tk:search-data"/>
    <xsl:if test="exists($tk:entities)"><xsl:call-template name="tk:entities-data"/></xsl:if>
  </xsl:template>
</xsl:stylesheet>
