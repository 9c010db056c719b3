<?xml version="1.0" encoding="UTF-8"?>
<!--
  teikit HTML layer: stable anchors for the blocks of the text (paragraphs, verse lines,
  anonymous blocks, headings, list items), so that a reader can cite and link any passage.

  A block's anchor is its xml:id. Without one, it is a path from its nearest ancestor that
  has an xml:id: that ID, then for each element on the way down its name and its position
  among the siblings of that name ("ch05.p12", "ch05.div2.p3"; "text.body.p4" when no
  ancestor has an ID). It depends only on the TEI (never on the order pages are built in,
  nor on other parts of the document), so it stays the same from build to build and
  changes only where the text around it is re-encoded.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tk="urn:teikit:xslt"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <!--* Is this one of the blocks every one of which has an anchor? -->
  <xsl:function name="tk:is-anchored-block" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e[self::tei:p or self::tei:ab or self::tei:l or self::tei:head or self::tei:item])"/>
  </xsl:function>

  <!--* The anchor (HTML id) of a block: its xml:id, else the path described above. -->
  <xsl:function name="tk:block-id" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:choose>
      <xsl:when test="$e/@xml:id"><xsl:sequence select="string($e/@xml:id)"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="top" select="$e/ancestor::*[@xml:id][1]"/>
        <!-- the elements from just below $top down to the block (the ancestors after $top
             in document order are its descendants) -->
        <xsl:variable name="steps" select="$e/ancestor-or-self::*[empty($top) or . >> $top]
            [not(self::tei:TEI or self::tei:teiCorpus)]"/>
        <xsl:variable name="path" select="string-join(($top/@xml:id ! string(.),
            for $s in $steps return
              let $name := local-name($s),
                  $n := tk:sibling-number($s)
              return if ($n = 1 and ($s/self::tei:text or $s/self::tei:front or $s/self::tei:body
                  or $s/self::tei:back)) then $name else $name || $n), '.')"/>
        <!-- an xml:id elsewhere that happens to read the same keeps its anchor -->
        <xsl:sequence select="if (exists(key('tk:id', $path, $tk:doc))) then $path || '.tk' else $path"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!--* The position of $s among its parent's children of the same local name (1 for the first).
        Counting the preceding siblings grows with their number, for every block: 50,000
        paragraphs in one division meant 1.25 billion steps. Beyond a few hundred siblings the
        positions of all the parent's children of that name are numbered once (tk:sibling-numbers). -->
  <xsl:function name="tk:sibling-number" as="xs:integer">
    <xsl:param name="s" as="element()"/>
    <xsl:variable name="name" select="local-name($s)"/>
    <xsl:sequence select="if (empty($s/preceding-sibling::*[256]))
        then count($s/preceding-sibling::*[local-name() = $name]) + 1
        else tk:sibling-numbers($s/.., $name)(generate-id($s))"/>
  </xsl:function>

  <!--* The position of each child of $parent named $name among them, by generate-id; computed
        once per parent and name (a memo function: Saxon keeps each answer for the run). -->
  <xsl:function name="tk:sibling-numbers" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="parent" as="node()"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="map:merge($parent/*[local-name() = $name] ! map{generate-id(.): position()})"/>
  </xsl:function>
</xsl:stylesheet>
